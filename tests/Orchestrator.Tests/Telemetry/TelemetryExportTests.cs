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
        start.ArgumentList.Add(NumeraiPipeline.TestKit.CliProcess.HostDll);
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
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(300));
        return (p.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Trace_console_prints_the_pipeline_and_stage_spans_on_standard_error()
    {
        var p = files.Write("c.yaml", "name: traced\nstages:\n  first: { uses: test.echo, with: { message: hi } }\n");

        var (code, output, error) = await RunChildAsync(new Dictionary<string, string>(), "run", p, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace, "--trace", "console");

        code.ShouldBe(0, error);
        error.ShouldContain("Activity.DisplayName:        pipeline.run");
        error.ShouldContain("Activity.DisplayName:        stage first");
        error.ShouldContain("stage.outcome: succeeded");
        output.ShouldNotContain("Activity.");
        output.ShouldContain("traced: succeeded");
    }

    [Fact]
    public async Task With_json_standard_output_is_one_json_document_whatever_else_prints_to_the_console()
    {
        var p = files.Write("j.yaml", """
            name: printing
            stages:
              first: { uses: test.echo, with: { message: hi } }
              loud: { uses: test.print, with: { message: noise, native: true } }
            """);

        var (code, output, error) = await RunChildAsync(new Dictionary<string, string>(), "run", p, "--json", "--trace", "console", "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace);

        code.ShouldBe(0, error);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        doc.RootElement.GetProperty("outcome").GetString().ShouldBe("succeeded");
        error.ShouldContain("console: noise");
        error.ShouldContain("native: noise");
        error.ShouldContain("Activity.DisplayName:        stage loud");
    }

    [Fact]
    public async Task With_log_format_json_every_line_on_standard_error_is_a_json_object()
    {
        var p = files.Write("l.yaml", """
            name: logged
            stages:
              first: { uses: test.echo, with: { message: hi } }
              loud: { uses: test.print, with: { message: noise, native: true } }
              broken: { uses: test.fail, needs: [first] }
            """);

        var (code, _, error) = await RunChildAsync(new Dictionary<string, string>(), "run", p, "--log-format", "json", "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace);

        code.ShouldBe(1, error);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBeGreaterThan(5);
        var records = lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        records.ShouldContain(r => r.GetProperty("message").GetString() == "console: noise");
        records.ShouldContain(r => r.GetProperty("message").GetString() == "native: noise" && r.GetProperty("logger").GetString() == "native");
        var outcome = records.Single(r => r.GetProperty("message").GetString()!.StartsWith("stage 'broken' (test.fail) FAILED", StringComparison.Ordinal));
        outcome.GetProperty("severity").GetString().ShouldBe("ERROR");
        var labels = outcome.GetProperty("logging.googleapis.com/labels");
        labels.GetProperty("Stage").GetString().ShouldBe("broken");
        labels.GetProperty("Outcome").GetString().ShouldBe("FAILED");
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
            "run", p, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace);
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
