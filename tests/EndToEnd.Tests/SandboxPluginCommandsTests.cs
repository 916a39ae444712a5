using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>
/// The commands of the sandbox and live plugins, run as a user runs them: the built host (no ASP.NET Core of its own)
/// as a child process, the plugins from artifacts/plugins. The sandbox's Kestrel loads from the framework the plugin
/// declares; synth writes real parquet files; set-webhook talks to that sandbox; the demo runs in a fresh workspace.
/// </summary>
public sealed class SandboxPluginCommandsTests : IDisposable
{
    private readonly TempWorkspace temp = new("np-sbx-");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Synth_writes_a_dataset_that_the_sandbox_command_serves_and_set_webhook_registers_against()
    {
        var (code, output, error) = await CliProcess.RunAsync(temp.Path, new Dictionary<string, string>(), "synth", "--out", "data", "--rows", "600", "--features", "6", "--eras", "6", "--seed", "3");

        code.ShouldBe(0, error);
        output.ShouldStartWith($"Wrote {Path.Combine(temp.Path, "data", "v5.2")}: 600 train, ");
        output.ShouldContain("  train.parquet");
        File.Exists(Path.Combine(temp.Path, "data", "v5.2", "train.parquet")).ShouldBeTrue();
        File.Exists(Path.Combine(temp.Path, "data", "v5.2", "features.json")).ShouldBeTrue();

        using var sandbox = CliProcess.Start(temp.Path, new Dictionary<string, string>(), "sandbox", "--data", "data", "--clock", "late", "--history", "0");
        try
        {
            var url = await ListeningUrlAsync(sandbox);
            using var http = new HttpClient();
            using var answer = await http.PostAsJsonAsync(url, new { query = "{ rounds(tournament: 8, number: 0) { number } }" });
            answer.IsSuccessStatusCode.ShouldBeTrue();
            using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
            json.RootElement.GetProperty("data").GetProperty("rounds")[0].GetProperty("number").GetInt32().ShouldBeGreaterThan(0);

            var environment = new Dictionary<string, string>
            {
                ["NUMERAI_API_URL"] = url,
                ["NUMERAI_PUBLIC_ID"] = "SANDBOX_DEMO_PUBLIC_ID",
                ["NUMERAI_SECRET_KEY"] = "SANDBOX_DEMO_SECRET_KEY_0123456789",
                ["TRIGGER_SECRET"] = "f00dfeedf00dfeedf00d",
            };
            var webhook = await CliProcess.RunAsync(temp.Path, environment, "numerai", "set-webhook", "demo_model_2", "https://trigger.example/numerai/compute", "--secret-env", "TRIGGER_SECRET");

            webhook.Code.ShouldBe(0, webhook.Error);
            webhook.Output.ShouldContain("will call 'https://trigger.example/numerai/compute?secret=***' for model 'demo_model_2'");
            (webhook.Output + webhook.Error).ShouldNotContain("f00dfeedf00dfeedf00d");
        }
        finally
        {
            sandbox.Kill(entireProcessTree: true);
            await sandbox.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_numeric_option_of_a_plugin_command_out_of_range_is_exit_2_from_the_command_line()
    {
        var (code, _, error) = await CliProcess.RunAsync(temp.Path, new Dictionary<string, string>(), "sandbox", "--fail-status", "600");

        code.ShouldBe(2);
        error.ShouldContain("numerai-pipeline: error NP2005: --fail-status must be between 500 and 599, not 600.");
    }

    [Fact]
    public async Task The_demo_runs_in_a_fresh_workspace_with_the_sandbox_plugin()
    {
        string[] args =
        [
            "run", "demo", "--workspace", Path.Combine(temp.Path, "ws"), "--json",
            "--set", "stages.sandbox.with.rows=4000", "--set", "stages.sandbox.with.features=20", "--set", "stages.sandbox.with.eras=20",
            "--set", "stages.train.with.params.n_estimators=20", "--set", "stages.train_fasttree.with.params.number_of_trees=5",
            "--set", "stages.gate.with.min_corr_mean=-1", "--set", "stages.gate.with.max_feature_exposure=1", "--set", "stages.gate.with.min_live_corr_mean=-1",
        ];

        var (code, output, error) = await CliProcess.RunAsync(DemoPipelineTests.Root(), new Dictionary<string, string>(), args);

        code.ShouldBe(0, error);
        using var json = JsonDocument.Parse(output);
        var stages = json.RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("outcome").GetString());
        stages["sandbox"].ShouldBe("succeeded");
        stages["submit"].ShouldBe("succeeded");
        stages.Values.ShouldAllBe(o => o == "succeeded");
    }

    /// <summary>The URL the sandbox prints once it listens (its first line of output).</summary>
    private static async Task<string> ListeningUrlAsync(Process sandbox)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        const string Prefix = "Numerai API sandbox listening on ";
        while (await sandbox.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return line[Prefix.Length..].Trim();
            }
        }

        throw new InvalidOperationException("the sandbox exited before listening: " + await sandbox.StandardError.ReadToEndAsync(timeout.Token));
    }
}
