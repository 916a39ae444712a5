using System.Text.Json;

namespace NumeraiPipeline.Orchestrator.Tests.Execution;

/// <summary>
/// Stage state and leases through a folder store: work a lease guards is done once across fresh workspaces sharing the
/// store, in sequence and racing; paths restored from the store name the current workspace; secret outputs stay secret.
/// </summary>
public sealed class StoreStateAndLeaseTests : IDisposable
{
    private readonly PipelineFiles files = new();

    public void Dispose() => files.Dispose();

    private string Store => Path.Combine(files.Root, "bucket");

    [Fact]
    public async Task Three_fresh_workspaces_on_one_store_do_the_leased_work_once_and_find_the_rest_up_to_date()
    {
        var p = files.Write("once.yaml", """
            name: once
            stages:
              prepare: { uses: test.echo, with: { message: data } }
              work: { uses: test.lease, needs: [prepare], cache: never, with: { name: round-7, line: submitted-round-7 } }
            """);

        var runs = new List<CliResult>();
        foreach (var job in new[] { "job1", "job2", "job3" })
        {
            runs.Add(await TestRepo.RunCliAsync("run", p, "--plugins", TestRepo.TestPlugins, "--workspace", Path.Combine(files.Root, job), "--store", Store, "--json"));
        }

        runs.ShouldAllBe(r => r.ExitCode == 0);
        Outcomes(runs[0]).ShouldBe(new Dictionary<string, string> { ["prepare"] = "succeeded", ["work"] = "succeeded" });
        Outcomes(runs[1]).ShouldBe(new Dictionary<string, string> { ["prepare"] = "up-to-date", ["work"] = "declined" });
        Outcomes(runs[2]).ShouldBe(new Dictionary<string, string> { ["prepare"] = "up-to-date", ["work"] = "declined" });
        Stage(runs[2], "work").GetProperty("code").GetString().ShouldBe("TST0006");
        File.ReadAllLines(Path.Combine(Store, "state", "test.lease", "done.txt")).ShouldBe(["submitted-round-7"]);
        // Given back at the end: the lease object says released.
        var lease = Directory.GetFiles(Path.Combine(Store, "leases", "test.lease", "round-7.json.versions")).Max()!;
        JsonDocument.Parse(File.ReadAllText(lease)).RootElement.GetProperty("released").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Two_runs_racing_on_one_store_do_the_leased_work_once()
    {
        var a = Path.Combine(files.Root, "at-gate-a");
        var b = Path.Combine(files.Root, "at-gate-b");
        string Pipeline(string me) => files.Write($"race-{Path.GetFileName(me)}.yaml", $$"""
            name: race
            stages:
              gate: { uses: test.echo, cache: never, with: { message: go, marker: "{{me}}", await_files: ["{{a}}", "{{b}}"], await_timeout_ms: 60000 } }
              work: { uses: test.lease, needs: [gate], cache: never, with: { name: shared, line: once, wait_seconds: 60 } }
            """);

        // Both runs meet at the gate (each waits for the other's marker), then contend for the lease.
        var first = TestRepo.RunCliAsync("run", Pipeline(a), "--plugins", TestRepo.TestPlugins, "--workspace", Path.Combine(files.Root, "ra"), "--store", Store, "--json");
        var second = TestRepo.RunCliAsync("run", Pipeline(b), "--plugins", TestRepo.TestPlugins, "--workspace", Path.Combine(files.Root, "rb"), "--store", Store, "--json");
        var results = await Task.WhenAll(first, second);

        results.ShouldAllBe(r => r.ExitCode == 0, string.Join("\n", results.Select(r => r.Error)));
        results.Select(r => Outcomes(r)["work"]).Order().ShouldBe(["declined", "succeeded"]);
        File.ReadAllLines(Path.Combine(Store, "state", "test.lease", "done.txt")).ShouldBe(["once"]);
    }

    [Fact]
    public async Task Outputs_and_summaries_restored_from_the_store_name_files_of_the_current_workspace()
    {
        var p = files.Write("paths.yaml", """
            name: paths
            stages:
              report: { uses: test.path, with: { text: "<html>scores</html>" } }
              copy: { uses: test.copy, with: { source: "${stages.report.outputs.path}" } }
            """);
        var ws1 = Path.Combine(files.Root, "first");
        var ws2 = Path.Combine(files.Root, "second");

        var one = await TestRepo.RunCliAsync("run", p, "--plugins", TestRepo.TestPlugins, "--workspace", ws1, "--store", Store, "--json");
        var two = await TestRepo.RunCliAsync("run", p, "--plugins", TestRepo.TestPlugins, "--workspace", ws2, "--store", Store, "--json");

        one.ExitCode.ShouldBe(0, one.Error);
        two.ExitCode.ShouldBe(0, two.Error);
        Outcomes(two).Values.ShouldAllBe(o => o == "up-to-date");
        var report = Stage(two, "report");
        var expected = Path.Combine(ws2, "artifacts", "paths", "report", "report.html");
        report.GetProperty("outputs").GetProperty("path").GetString().ShouldBe(expected);
        report.GetProperty("summary").GetProperty("report").GetString().ShouldBe(expected);
        File.Exists(expected).ShouldBeTrue();
        two.Output.ShouldNotContain(ws1);
        var stored = File.ReadAllText(Path.Combine(Store, "stamps", "paths", "report.json"));
        stored.ShouldNotContain(ws1);
        stored.ShouldContain("${workspace}/artifacts/paths/report/report.html");
        var plan = await TestRepo.RunCliAsync("plan", p, "--plugins", TestRepo.TestPlugins, "--workspace", ws2, "--json");
        plan.ExitCode.ShouldBe(0, plan.Error);
        plan.Output.ShouldNotContain(ws1);
    }

    [Fact]
    public async Task A_secret_output_reaches_the_stage_using_it_and_nothing_else()
    {
        var p = files.Write("secret.yaml", """
            name: secret
            stages:
              keys: { uses: test.secret }
              use: { uses: test.echo, with: { message: "key=${stages.keys.outputs.token}" } }
            """);

        var one = await TestRepo.RunCliAsync("run", p, "--plugins", TestRepo.TestPlugins, "--workspace", files.Workspace, "--store", Store, "--json");
        var used = File.ReadAllText(files.Artifact("secret", "use", "text.txt")).Trim();
        var two = await TestRepo.RunCliAsync("run", p, "--plugins", TestRepo.TestPlugins, "--workspace", files.Workspace, "--store", Store, "--json", "--verbose");

        one.ExitCode.ShouldBe(0, one.Error);
        var token = used["key=".Length..];
        token.ShouldStartWith("tok-");
        Stage(one, "keys").GetProperty("outputs").GetProperty("token").GetString().ShouldBe("***");
        Stage(one, "keys").GetProperty("outputs").GetProperty("plain").GetString().ShouldBe("visible");
        foreach (var text in new[] { one.Output, one.Error, two.Output, two.Error })
        {
            text.ShouldNotContain(token);
        }

        foreach (var stamp in Directory.GetFiles(Path.Combine(files.Workspace, "stamps"), "*", SearchOption.AllDirectories).Concat(Directory.GetFiles(Path.Combine(Store, "stamps"), "*", SearchOption.AllDirectories)))
        {
            File.ReadAllText(stamp).ShouldNotContain("tok-");
        }

        // The stage with the secret runs every time (its value is never kept); its user's fingerprint leaves the secret out.
        Outcomes(two)["keys"].ShouldBe("succeeded");
        Outcomes(two)["use"].ShouldBe("up-to-date");
        Stage(two, "keys").GetProperty("reasons").EnumerateArray().Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("detail").GetString())).ShouldContain(("secret_output", "it has a secret output, which is never stored"));
    }

    private static Dictionary<string, string> Outcomes(CliResult run) =>
        JsonDocument.Parse(run.Output).RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("outcome").GetString()!);

    private static JsonElement Stage(CliResult run, string id) =>
        JsonDocument.Parse(run.Output).RootElement.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);
}
