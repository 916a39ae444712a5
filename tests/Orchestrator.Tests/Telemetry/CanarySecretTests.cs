using System.Diagnostics;
using System.Net;
using System.Text;

namespace NumeraiPipeline.Orchestrator.Tests.Telemetry;

/// <summary>
/// A canary secret, used by stages through ${secrets.CANARY}, appears in no form (any case, URL-encoded, JSON-escaped)
/// in anything the host writes: standard output, standard error, --json, --log-format json, --trace console, OTLP,
/// stamps, the workspace's caches and the store's objects. Runs real child processes, each with the secret in its
/// own environment.
/// </summary>
public sealed class CanarySecretTests : IDisposable
{
    private const string Canary = "Np-Canary=x7Q9+Zk/42";
    private readonly PipelineFiles files = new();

    public void Dispose() => files.Dispose();

    private static IEnumerable<string> Forms() =>
    [
        Canary, Canary.ToUpperInvariant(), Canary.ToLowerInvariant(), Uri.EscapeDataString(Canary), WebUtility.UrlEncode(Canary),
        System.Text.Json.JsonSerializer.Serialize(Canary)[1..^1], "x7Q9", "Zk/42",
    ];

    private static void ShouldHoldNoCanary(string where, string text)
    {
        foreach (var form in Forms())
        {
            text.Contains(form, StringComparison.OrdinalIgnoreCase).ShouldBeFalse($"{where} holds the canary as '{form}'");
        }
    }

    private async Task<(int Code, string Output, string Error)> RunChildAsync(IDictionary<string, string> env, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(NumeraiPipeline.TestKit.CliProcess.HostDll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["CANARY"] = Canary;
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

    private const string Pipeline = """
        name: canary
        stages:
          echo:
            uses: test.echo
            with: { message: "hello ${secrets.CANARY}", params: { token: "${secrets.CANARY}", mixed: "k=${secrets.CANARY}" } }
          fail:
            uses: test.fail
            needs: [echo]
            with: { secret: "${secrets.CANARY}", message: "upstream said ${secrets.CANARY}" }
          report:
            uses: test.print
            needs: [fail]
            when: always
            with: { message: "${secrets.CANARY}", native: false }
        """;

    [Fact]
    public async Task The_canary_is_in_no_output_of_a_human_run_traced_to_the_console_with_a_store()
    {
        var p = files.Write("canary.yaml", Pipeline);
        var store = Path.Combine(files.Root, "store");

        var (code, output, error) = await RunChildAsync(new Dictionary<string, string>(), "run", p, "--trace", "console", "--store", store, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace);

        code.ShouldBe(1, error);
        error.ShouldContain("upstream said ***");
        error.ShouldContain("Activity.DisplayName:        stage echo");
        ShouldHoldNoCanary("standard output", output);
        ShouldHoldNoCanary("standard error", error);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(files.Workspace, "stamps"), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(files.Workspace, "cache"), "*", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(store, "stamps"), "*", SearchOption.AllDirectories)))
        {
            ShouldHoldNoCanary(file, await File.ReadAllTextAsync(file));
        }
    }

    [Fact]
    public async Task The_canary_is_in_no_output_of_a_json_run_with_json_logs_and_otlp()
    {
        var p = files.Write("canary.yaml", Pipeline);
        var received = new StringBuilder();
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var receiving = Task.Run(async () =>
        {
            while (true)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (received)
                {
                    received.Append(Encoding.Latin1.GetString(body.ToArray()));
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var (code, output, error) = await RunChildAsync(
            new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}", ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf" },
            "run", p, "--json", "--log-format", "json", "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace);
        listener.Stop();
        await receiving;

        code.ShouldBe(1, error);
        System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("outcome").GetString().ShouldBe("failed");
        ShouldHoldNoCanary("standard output (--json)", output);
        ShouldHoldNoCanary("standard error (--log-format json)", error);
        lock (received)
        {
            received.ToString().ShouldContain("stage echo");
            ShouldHoldNoCanary("OTLP export", received.ToString());
        }
    }

    [Fact]
    public async Task An_option_error_does_not_echo_a_secret_value_or_a_piece_of_it()
    {
        var p = files.Write("bad.yaml", "name: bad\nstages:\n  echo: { uses: test.echo, with: { message: m, tags: [\"${secrets.CANARY}\"] } }\n");

        var (code, output, error) = await RunChildAsync(new Dictionary<string, string>(), "validate", p, "--json", "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins");

        code.ShouldBe(2, error);
        error.ShouldContain("error NP2002: stage 'echo' (test.echo): tag '***' has the value '***', and tags take no values.");
        ShouldHoldNoCanary("standard error", error);
        ShouldHoldNoCanary("standard output", output);
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
