using System.Text.Json;
using NumeraiPipeline.Numerai.Sandbox;
using NumeraiPipeline.Orchestrator.Cli;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>
/// numerai-pipeline doctor through the CLI entry point with the built plugins, against a sandbox on loopback
/// standing in for api-tournament.numer.ai: every row passes on a ready machine, and each thing that is not ready
/// fails its row with a fix and exit code 3.
/// </summary>
public sealed class DoctorTests : IAsyncLifetime
{
    private readonly TempWorkspace temp = new("np-doctor-");
    private SandboxServer? sandbox;

    public async Task InitializeAsync() =>
        sandbox = await SandboxServer.StartAsync(new SandboxOptions { Rows = 6000, Features = 40, Eras = 40, Seed = 5, CacheDirectory = Path.Combine(temp.Path, "cache") });

    public async Task DisposeAsync()
    {
        await sandbox!.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task The_daily_pipeline_against_the_sandbox_is_ready_on_every_row()
    {
        var (code, output, error) = await Run("doctor", "numerai-daily", "--json");

        code.ShouldBe(0, output + error);
        var report = JsonDocument.Parse(output).RootElement;
        report.GetProperty("ready").GetBoolean().ShouldBeTrue();
        report.GetProperty("exit_code").GetInt32().ShouldBe(0);
        var rows = Rows(report);
        foreach (var name in new[] { "plugins", "workspace", "store", "pipeline", "numerai api keys", "numerai keys accepted", "numerai model", "numerai upload permission", "numerai round", "clock", "free disk", "lightgbm native library", "memory for training" })
        {
            rows.ShouldContainKey(name);
            rows[name].Status.ShouldBe("ok", $"{name}: {rows[name].Detail}");
        }

        rows["numerai keys accepted"].Stages.ShouldBe(["submit"]);
        rows["free disk"].Stages.ShouldBe(["download"]);
        rows["free disk"].Detail.ShouldContain(" for 6 files of v5.2; ");
        // The training set's rows came from the remote parquet footer of train.parquet, the medium set's size from features.json.
        rows["memory for training"].Detail.ShouldContain("rows (era_stride 4 of 6,000) x ");
        rows["memory for training"].Detail.ShouldContain(" features (medium); ");
        rows["store"].Detail.ShouldBe("none configured (--store or NUMERAI_PIPELINE_STORE): artifacts and stamps stay in the workspace");
        output.ShouldNotContain(SandboxServer.DemoSecretKey);
        error.ShouldNotContain(SandboxServer.DemoSecretKey);
        sandbox!.Submissions.ShouldBeEmpty();
        sandbox.Requests.ShouldNotContain(r => r.Method == "PUT");
        Directory.Exists(Path.Combine(temp.Path, "ws")).ShouldBeFalse("doctor writes nothing to the workspace");
    }

    [Fact]
    public async Task Refused_keys_an_unreachable_store_and_a_broken_plugin_fail_their_rows_with_a_fix_and_exit_3()
    {
        sandbox!.Faults.RejectKeys = true;
        var notAFolder = Path.Combine(temp.Path, "a-file");
        await File.WriteAllTextAsync(notAFolder, "");
        var broken = Directory.CreateDirectory(Path.Combine(temp.Path, "more-plugins", "Broken")).FullName;
        await File.WriteAllTextAsync(Path.Combine(broken, "Broken.dll"), "not an assembly");

        var (code, output, error) = await Run("doctor", "numerai-daily", "--json", "--store", Path.Combine(notAFolder, "store"), "--plugins", Path.Combine(temp.Path, "more-plugins"));

        code.ShouldBe(3, output + error);
        var report = JsonDocument.Parse(output).RootElement;
        report.GetProperty("ready").GetBoolean().ShouldBeFalse();
        report.GetProperty("exit_code").GetInt32().ShouldBe(3);
        var rows = Rows(report);
        rows["numerai keys accepted"].Status.ShouldBe("failed");
        rows["numerai keys accepted"].Detail.ShouldBe($"{sandbox.Url.GetLeftPart(UriPartial.Authority)} refused the keys: Your session is invalid or has expired.");
        rows["store"].Status.ShouldBe("failed");
        // One attempt, no retries within a budget: the attempt's own failure is the row's detail.
        rows["store"].Detail.ShouldStartWith(Path.Combine(notAFolder, "store") + ": NP6753: Cannot ");
        rows["store"].Detail.ShouldEndWith("Check that the folder is mounted and writable");
        rows["plugin Broken"].Status.ShouldBe("failed");
        rows["plugin Broken"].Detail.ShouldStartWith("NP3001: plugin 'Broken' failed to load: ");
        rows["plugin Broken"].Fix.ShouldBe("Rebuild or remove the plugin.");
        foreach (var failed in rows.Values.Where(r => r.Status == "failed"))
        {
            failed.Fix.ShouldNotBeNullOrWhiteSpace();
        }

        // The table says the same, each failing row followed by its fix.
        var (tableCode, table, _) = await Run("doctor", "numerai-daily", "--store", Path.Combine(notAFolder, "store"));
        tableCode.ShouldBe(3);
        var lines = table.Split('\n');
        var keys = Array.FindIndex(lines, l => l.TrimStart().StartsWith("FAIL  numerai keys accepted [submit]", StringComparison.Ordinal));
        keys.ShouldBeGreaterThan(0, table);
        lines[keys + 1].Trim().ShouldBe("fix: The keys are wrong, revoked or expired: create a new key on numer.ai -> Account -> API keys and set NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY.");
        lines.ShouldContain(l => l.StartsWith("Not ready: ", StringComparison.Ordinal));
        (output + error + table).ShouldNotContain(SandboxServer.DemoSecretKey);
    }

    [Fact]
    public async Task The_demo_is_ready_and_what_its_sandbox_stage_provides_is_not_checkable_before_the_run()
    {
        var (code, output, error) = await Run("doctor", "demo", "--json");

        code.ShouldBe(0, output + error);
        var rows = Rows(JsonDocument.Parse(output).RootElement);
        rows["numerai api keys"].Status.ShouldBe("skipped");
        rows["numerai api keys"].Detail.ShouldBe("the endpoint or the keys come from stage 'sandbox' when the run gets there (a sandbox makes its own)");
        rows["free disk"].Status.ShouldBe("skipped");
        rows["memory for training"].Status.ShouldBe("skipped");
        rows["lightgbm native library"].Status.ShouldBe("ok");
    }

    [Fact]
    public async Task Without_a_pipeline_only_the_host_is_checked()
    {
        var (code, output, _) = await Run("doctor");
        var (_, json, _) = await Run("doctor", "--json");

        code.ShouldBe(0);
        output.ShouldStartWith("numerai-pipeline doctor: this machine (give a pipeline to check its stages too)");
        var plugins = Directory.GetFiles(Path.Combine(DemoPipelineTests.Root(), "plugins"), "*.csproj", SearchOption.AllDirectories).Length;
        output.ShouldContain($"  ok    plugins    {plugins} loaded, ");
        output.ShouldContain("  ok    workspace  ");
        Rows(JsonDocument.Parse(json).RootElement).Keys.ShouldBe(["plugins", "workspace", "store"]);
    }

    [Fact]
    public async Task A_folder_store_is_probed_and_left_as_it_was()
    {
        var store = Directory.CreateDirectory(Path.Combine(temp.Path, "store")).FullName;

        var (code, json, error) = await Run("doctor", "--json", "--store", store);

        code.ShouldBe(0, json + error);
        var row = Rows(JsonDocument.Parse(json).RootElement)["store"];
        row.Status.ShouldBe("ok");
        row.Detail.ShouldEndWith(" reachable and writable (an object written, read back and deleted)");
        Directory.GetFiles(store, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task As_a_process_stdout_holds_one_json_document_and_missing_keys_exit_3_without_showing_a_secret()
    {
        var folder = Directory.CreateDirectory(Path.Combine(temp.Path, "mine")).FullName;
        var ready = new Dictionary<string, string>
        {
            ["NUMERAI_API_URL"] = sandbox!.Url.ToString(),
            ["NUMERAI_MODEL"] = SandboxServer.DemoModel,
            ["NUMERAI_PUBLIC_ID"] = SandboxServer.DemoPublicId,
            ["NUMERAI_SECRET_KEY"] = SandboxServer.DemoSecretKey,
        };
        var keyless = new Dictionary<string, string>(ready) { ["NUMERAI_PUBLIC_ID"] = "", ["NUMERAI_SECRET_KEY"] = "" };

        var (code, output, error) = await CliProcess.RunAsync(folder, ready, "doctor", "numerai-daily", "--json");
        var (missingCode, missing, missingError) = await CliProcess.RunAsync(folder, keyless, "doctor", "numerai-daily", "--json");

        code.ShouldBe(0, output + error);
        using (var document = JsonDocument.Parse(output))
        {
            document.RootElement.GetProperty("ready").GetBoolean().ShouldBeTrue();
        }

        missingCode.ShouldBe(3, missing + missingError);
        var keys = Rows(JsonDocument.Parse(missing).RootElement)["numerai api keys"];
        keys.Status.ShouldBe("failed");
        keys.Detail.ShouldStartWith("NUMERAI_PUBLIC_ID and NUMERAI_SECRET_KEY are not set");
        keys.Fix.ShouldNotBeNull().ShouldContain("numer.ai -> Account -> API keys");
        (output + error + missing + missingError).ShouldNotContain(SandboxServer.DemoSecretKey);
        Directory.EnumerateFileSystemEntries(folder).ShouldBeEmpty("doctor writes nothing where it runs");
    }

    private async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var environment = new Dictionary<string, string>
        {
            ["NUMERAI_API_URL"] = sandbox!.Url.ToString(),
            ["NUMERAI_MODEL"] = SandboxServer.DemoModel,
            ["NUMERAI_PUBLIC_ID"] = SandboxServer.DemoPublicId,
            ["NUMERAI_SECRET_KEY"] = SandboxServer.DemoSecretKey,
        };

        // Nothing of this process's NUMERAI_* variables (other tests may set some) reaches the invocation.
        string? Lookup(string name) => environment.TryGetValue(name, out var v) ? v : name.StartsWith("NUMERAI", StringComparison.Ordinal) ? null : Environment.GetEnvironmentVariable(name);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.InvokeAsync([.. args, "--workspace", Path.Combine(temp.Path, "ws")], output, error, CancellationToken.None, environment: Lookup);
        return (code, output.ToString(), error.ToString());
    }

    private static Dictionary<string, (string Status, string Detail, string? Fix, string[] Stages)> Rows(JsonElement report) =>
        report.GetProperty("checks").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!,
            c => (c.GetProperty("status").GetString()!, c.GetProperty("detail").GetString()!, c.GetProperty("fix").GetString(), c.GetProperty("stages").EnumerateArray().Select(s => s.GetString()!).ToArray()));
}
