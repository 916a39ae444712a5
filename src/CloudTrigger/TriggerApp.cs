using System.Text.Json;
using Microsoft.Extensions.Logging.Console;
using System.Text.RegularExpressions;

namespace NumeraiPipeline.CloudTrigger;

/// <summary>
/// The HTTP trigger: accepts Numerai's compute webhook on <c>POST /numerai/compute</c>, checks the shared secret
/// (header <c>X-Trigger-Secret</c> or query <c>secret</c>), and starts the Cloud Run job with <c>TRIGGER_ID</c>.
/// </summary>
internal static partial class TriggerApp
{
    /// <summary>The webhook's path.</summary>
    public const string WebhookPath = "/numerai/compute";

    /// <summary>Builds the app; <paramref name="configure"/> lets tests bind to loopback.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (builder.Configuration["PORT"] is { Length: > 0 } port)
        {
            // Cloud Run tells the container its port in PORT.
            builder.WebHost.UseUrls($"http://0.0.0.0:{port}");
        }

        if (builder.Configuration["K_SERVICE"] is { Length: > 0 } || builder.Configuration["LOG_FORMAT"] == "json")
        {
            // On Cloud Run (K_SERVICE is set there): structured lines that Cloud Logging reads with their severity.
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.FormatterName = CloudLoggingFormatter.FormatterName)
                .AddConsoleFormatter<CloudLoggingFormatter, ConsoleFormatterOptions>();
        }

        configure?.Invoke(builder);
        var settings = TriggerSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new HttpClient { Timeout = TimeSpan.FromSeconds(30) });
        builder.Services.AddSingleton(sp => new MetadataTokenSource(sp.GetRequiredService<HttpClient>(), settings.MetadataServer, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IJobLauncher, CloudRunJobLauncher>();
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapPost(WebhookPath, HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, TriggerSettings settings, IJobLauncher launcher, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var log = loggers.CreateLogger("NumeraiPipeline.CloudTrigger");
        var presented = http.Request.Headers[SharedSecret.Header].FirstOrDefault() ?? http.Request.Query["secret"].FirstOrDefault();
        if (!SharedSecret.Matches(presented, settings.Secret))
        {
            log.LogWarning("Refused a webhook from {Remote}: missing or wrong shared secret", http.Connection.RemoteIpAddress);
            return Results.Json(new { error = "missing or wrong shared secret" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        ComputeWebhook? hook;
        try
        {
            hook = await JsonSerializer.DeserializeAsync<ComputeWebhook>(http.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            return Results.Json(new { error = $"the body is not the compute webhook's JSON: {ex.Message}" }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (hook?.TriggerId is not { } triggerId || !TriggerIdPattern().IsMatch(triggerId))
        {
            return Results.Json(new { error = "triggerId is missing or has characters other than letters, digits, '-', '_', '.', ':'" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var environment = new Dictionary<string, string> { ["TRIGGER_ID"] = triggerId };
        if (hook.RoundNumber is { } round)
        {
            environment["NUMERAI_ROUND"] = round.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (hook.DataVersion is { } version && DataVersionPattern().IsMatch(version))
        {
            environment["NUMERAI_DATA_VERSION"] = version;
        }

        try
        {
            var operation = await launcher.RunAsync(environment, cancellationToken);
            log.LogInformation("Started {Job} for round {Round} with trigger {TriggerId}: {Operation}", settings.JobName, hook.RoundNumber, triggerId, operation);
            return Results.Json(new { status = "started", operation, triggerId }, statusCode: StatusCodes.Status202Accepted);
        }
        catch (Exception ex) when (ex is JobLaunchException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            log.LogError("Could not start {Job} for trigger {TriggerId}: {Reason}", settings.JobName, triggerId, ex.Message);
            return Results.Json(new { error = "could not start the job", reason = ex.Message }, statusCode: StatusCodes.Status502BadGateway);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex TriggerIdPattern();

    [GeneratedRegex("^v?[0-9]+(\\.[0-9]+)*$")]
    private static partial Regex DataVersionPattern();
}
