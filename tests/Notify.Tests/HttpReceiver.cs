using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NumeraiPipeline.Plugins.Notify.Tests;

/// <summary>A real HTTP server on 127.0.0.1 (Kestrel, random port) that records every request it receives.</summary>
internal sealed class HttpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private HttpReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>The status code answered; tests change it.</summary>
    public int StatusCode { get; set; } = 200;

    /// <summary>How many of the next requests get 503 before <see cref="StatusCode"/> applies.</summary>
    public int FailNext;

    /// <summary>How many of the next requests get 429 with Retry-After: 0.</summary>
    public int RateLimitNext;

    public string BaseUrl { get; private set; } = "";

    public static async Task<HttpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new HttpReceiver(app);
        app.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            receiver.Requests.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                buffer.ToArray()));
            var status = Interlocked.Decrement(ref receiver.RateLimitNext) >= 0 ? 429
                : Interlocked.Decrement(ref receiver.FailNext) >= 0 ? 503
                : receiver.StatusCode;
            if (status == 429)
            {
                context.Response.Headers.RetryAfter = "0";
            }

            context.Response.StatusCode = status;
            await context.Response.WriteAsync(status == 200 ? "ok" : "no_service");
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

internal sealed record ReceivedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
