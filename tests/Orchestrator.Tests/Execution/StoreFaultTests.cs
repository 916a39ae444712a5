using System.Text.Json;

namespace NumeraiPipeline.Orchestrator.Tests.Execution;

/// <summary>
/// A folder store that is unavailable before the run or goes away during it: the run ends with an NP67xx code and exit
/// code 3, no stack trace, nothing is redone silently, and the notifier (when: always) still runs and sees the cause.
/// </summary>
public sealed class StoreFaultTests : IDisposable
{
    private readonly PipelineFiles files = new();

    public void Dispose() => files.Dispose();

    private string Report => Path.Combine(files.Root, "report.json");

    [Fact]
    public async Task An_unavailable_store_at_pull_skips_the_work_and_the_notifier_reports_NP6756()
    {
        var store = Path.Combine(files.Root, "bucket");
        File.WriteAllText(store, "not a folder: the mount went away");
        var p = files.Write("p.yaml", $$"""
            name: faulty
            stages:
              train: { uses: test.echo, with: { message: expensive } }
              notify: { uses: test.report, needs: [train], when: always, with: { path: "{{Report}}" } }
            """);

        var run = await files.RunAsync(p, "--store", store, "--store-budget", "00:00:01", "--json");

        run.ExitCode.ShouldBe(3, run.Error);
        run.Error.ShouldNotContain("   at ");
        run.Error.ShouldNotContain("Exception");
        var line = run.ErrorLines.Single(l => l.Contains("error NP6756", StringComparison.Ordinal));
        line.ShouldStartWith($"fail: store:pull: error NP6756: the store {store} could not be read before the run, so no stage ran (none is redone from scratch without it): The store {store} could not list 'artifacts/faulty/':");
        line.ShouldEndWith("Check the network, the bucket and its permissions, then run again.");
        var stages = Stages(run.Output);
        stages["store:pull"].GetProperty("outcome").GetString().ShouldBe("failed");
        stages["train"].GetProperty("outcome").GetString().ShouldBe("skipped");
        stages["train"].GetProperty("message").GetString().ShouldBe("skipped because 'store:pull' failed");
        stages["notify"].GetProperty("outcome").GetString().ShouldBe("succeeded");
        File.Exists(files.Artifact("faulty", "train", "text.txt")).ShouldBeFalse("nothing is redone while the store is unavailable");
        var seen = JsonDocument.Parse(File.ReadAllText(Report)).RootElement;
        seen.GetProperty("any_failed").GetBoolean().ShouldBeTrue();
        var cause = seen.GetProperty("stages").EnumerateArray().First();
        cause.GetProperty("id").GetString().ShouldBe("store:pull");
        cause.GetProperty("code").GetString().ShouldBe("NP6756");
    }

    [Fact]
    public async Task A_store_going_away_mid_run_fails_the_stage_at_its_push_and_the_notifier_still_runs()
    {
        var store = Path.Combine(files.Root, "bucket");
        var p = files.Write("p.yaml", $$"""
            name: midrun
            stages:
              first: { uses: test.echo, with: { message: one } }
              gone: { uses: test.sabotage, needs: [first], with: { path: "{{store}}" } }
              after: { uses: test.echo, needs: [gone], with: { message: two } }
              notify: { uses: test.report, needs: [after], when: always, with: { path: "{{Report}}" } }
            """);

        var run = await files.RunAsync(p, "--store", store, "--store-budget", "00:00:01", "--json");

        run.ExitCode.ShouldBe(3, run.Error);
        run.Error.ShouldNotContain("   at ");
        var stages = Stages(run.Output);
        stages["first"].GetProperty("outcome").GetString().ShouldBe("succeeded");
        stages["gone"].GetProperty("outcome").GetString().ShouldBe("failed");
        stages["gone"].GetProperty("code").GetString().ShouldBe("NP6756");
        stages["gone"].GetProperty("message").GetString().ShouldStartWith($"its outputs are complete in the workspace but could not be stored: The store {store} could not ");
        stages["after"].GetProperty("outcome").GetString().ShouldBe("skipped");
        stages["notify"].GetProperty("outcome").GetString().ShouldBe("succeeded");
        JsonDocument.Parse(File.ReadAllText(Report)).RootElement.GetProperty("stages").EnumerateArray()
            .Single(s => s.GetProperty("id").GetString() == "gone").GetProperty("code").GetString().ShouldBe("NP6756");
        File.Exists(Path.Combine(files.Workspace, "stamps", "midrun", "gone.json")).ShouldBeFalse("an unstored stage is redone (and stored) next time");
        File.Exists(Path.Combine(files.Workspace, "stamps", "midrun", "first.json")).ShouldBeTrue();
    }

    private static Dictionary<string, JsonElement> Stages(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
}
