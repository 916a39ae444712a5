using NumeraiPipeline.Numerai.Sandbox;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>pipelines/numerai-daily.yaml and its FastTree variant, each run as its own process configured from the environment.</summary>
public sealed class DailyPipelineTests : IAsyncLifetime
{
    private DailyRuns runs = null!;

    public async Task InitializeAsync() => runs = await DailyRuns.StartAsync("daily");

    public async Task DisposeAsync() => await runs.DisposeAsync();

    [Fact]
    public async Task The_daily_pipeline_submits_once_per_round_from_environment_configuration()
    {
        var first = await runs.RunAsync("ws");
        var second = await runs.RunAsync("ws");

        first.ExitCode.ShouldBe(0, first.Error);
        DailyRuns.Outcome(first, "submit").ShouldBe("succeeded");
        var id = DailyRuns.Stages(first)["submit"].GetProperty("outputs").GetProperty("submission_id").GetString();
        runs.Sandbox.Submissions.ShouldContain(s => s.Id == id);
        second.ExitCode.ShouldBe(0, second.Error);
        DailyRuns.Outcome(second, "train").ShouldBe("up-to-date");
        DailyRuns.Outcome(second, "submit").ShouldBe("declined");
        DailyRuns.Stages(second)["submit"].GetProperty("code").GetString().ShouldBe("NP6305");
        runs.Sandbox.Submissions.Count.ShouldBe(1, "the same predictions for the same round are never uploaded twice");
        runs.Uploads.ShouldBe(1);
        (first.Output + first.Error + second.Output + second.Error).ShouldNotContain(DailyRuns.Keys.SecretKey);
    }

    [Fact]
    public async Task The_FastTree_variant_differs_only_in_yaml_and_submits_its_own_model()
    {
        var root = DemoPipelineTests.Root();
        var run = await NumeraiPipeline.TestKit.CliProcess.RunAsync(
            [
                "run", Path.Combine(root, "pipelines", "numerai-daily-fasttree.yaml"), "--json",
                "--plugins", Path.Combine(root, "artifacts", "plugins"),
                "--workspace", runs.Temp.File("ws-fasttree"),
                "--set", "stages.train.with.params.number_of_trees=20",
                "--set", "stages.train.with.era_stride=2",
            ],
            new Dictionary<string, string?>
            {
                ["NUMERAI_API_URL"] = runs.Sandbox.Url.ToString(),
                ["NUMERAI_MODEL"] = SandboxServer.DemoModel,
                ["NUMERAI_PUBLIC_ID"] = DailyRuns.Keys.PublicId,
                ["NUMERAI_SECRET_KEY"] = DailyRuns.Keys.SecretKey,
            },
            runs.Temp.Path);

        run.ExitCode.ShouldBe(0, run.Error);
        var stages = DailyRuns.Stages(run);
        stages["train"].GetProperty("type").GetString().ShouldBe("mlnet.train");
        stages["predict"].GetProperty("type").GetString().ShouldBe("mlnet.predict");
        stages["metrics"].GetProperty("outcome").GetString().ShouldBe("succeeded");
        stages["submit"].GetProperty("outcome").GetString().ShouldBe("succeeded");
        var id = stages["submit"].GetProperty("outputs").GetProperty("submission_id").GetString();
        runs.Sandbox.Submissions.ShouldHaveSingleItem().Id.ShouldBe(id);
    }

    [Fact]
    public async Task Without_keys_the_live_performance_stage_fails_with_NP6501_exit_code_3_and_nothing_is_submitted()
    {
        var run = await runs.RunAsync("ws-nokeys", environment: new Dictionary<string, string?> { ["NUMERAI_PUBLIC_ID"] = null, ["NUMERAI_SECRET_KEY"] = null });

        run.ExitCode.ShouldBe(3, run.Error);
        DailyRuns.Outcome(run, "train").ShouldBe("succeeded");
        // The model's live rounds need the keys first (numerai.performance), so the gate and the submission never run.
        DailyRuns.Stages(run)["performance"].GetProperty("code").GetString().ShouldBe("NP6501");
        DailyRuns.Outcome(run, "gate").ShouldBe("skipped");
        DailyRuns.Outcome(run, "submit").ShouldBe("skipped");
        runs.Uploads.ShouldBe(0);
    }
}
