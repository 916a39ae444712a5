using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NumeraiPipeline.CloudTrigger.Tests;

/// <summary>
/// A loopback server standing in for the metadata server (service-account token) and the Cloud Run Admin API
/// (<c>jobs.run</c>); it records every call.
/// </summary>
internal sealed class FakeGoogleEndpoints : IAsyncDisposable
{
    public const string Token = "ya29.fake-access-token";
    private readonly WebApplication app;

    private FakeGoogleEndpoints(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<(string Path, string? Authorization, string Body)> RunCalls { get; } = new();

    public int TokenCalls;

    public int RunStatus { get; set; } = 200;

    public static async Task<FakeGoogleEndpoints> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeGoogleEndpoints(app);
        app.MapGet("/computeMetadata/v1/instance/service-accounts/default/token", (HttpContext http) =>
        {
            if (http.Request.Headers["Metadata-Flavor"] != "Google")
            {
                return Results.StatusCode(403);
            }

            Interlocked.Increment(ref fake.TokenCalls);
            return Results.Json(new { access_token = Token, expires_in = 3599, token_type = "Bearer" });
        });
        app.MapPost("/v2/{**rest}", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            fake.RunCalls.Enqueue((http.Request.Path.Value!, http.Request.Headers.Authorization.ToString(), body));
            if (fake.RunStatus != 200)
            {
                return Results.Json(new { error = new { code = fake.RunStatus, message = "Permission 'run.jobs.run' denied", status = "PERMISSION_DENIED" } }, statusCode: fake.RunStatus);
            }

            return Results.Json(new { name = "projects/np-proj/locations/europe-west1/operations/op-42", metadata = new { } });
        });
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
