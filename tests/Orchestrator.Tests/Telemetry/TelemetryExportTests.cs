using System.Diagnostics;
using System.Net;

namespace NumeraiPipeline.Orchestrator.Tests.Telemetry;

/// <summary>The exporters in a real child process: --trace console, and OTLP over HTTP to a receiver on loopback.</summary>
public sealed class TelemetryExportTests : IDisposable
{
    private readonly PipelineFiles files = new();

    public void Dispose() => files.Dispose();

    private async Task<(int Code, string Output, string Error)> RunChildAsync(IDictionary<string, string> env, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "numerai-pipeline.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }

        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (p.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Trace_console_prints_the_pipeline_and_stage_spans()
    {
        var p = files.Write("c.yaml", "name: traced\nstages:\n  first: { uses: test.echo, with: { message: hi } }\n");

        var (code, output, error) = await RunChildAsync(new Dictionary<string, string>(), "run", p, "--plugins", TestRepo.TestPlugins, "--workspace", files.Workspace, "--trace", "console");

        code.ShouldBe(0, error);
        output.ShouldContain("Activity.DisplayName:        pipeline.run");
        output.ShouldContain("Activity.DisplayName:        stage first");
        output.ShouldContain("stage.outcome: succeeded");
    }

    [Fact]
    public async Task Otlp_exports_spans_when_the_endpoint_variable_is_set()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = new List<string>();
        var receiving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (received)
                {
                    received.Add(context.Request.Url!.AbsolutePath + " " + System.Text.Encoding.Latin1.GetString(body.ToArray()));
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });
        var p = files.Write("o.yaml", "name: otlp-exported\nstages:\n  first: { uses: test.echo, with: { message: hi } }\n");

        var (code, _, error) = await RunChildAsync(
            new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            },
            "run", p, "--plugins", TestRepo.TestPlugins, "--workspace", files.Workspace);
        listener.Stop();
        await receiving;

        code.ShouldBe(0, error);
        lock (received)
        {
            var traces = received.Where(r => r.StartsWith("/v1/traces ", StringComparison.Ordinal)).ToList();
            traces.ShouldNotBeEmpty();
            traces.ShouldContain(t => t.Contains("pipeline.run") && t.Contains("stage first") && t.Contains("otlp-exported"));
        }
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
