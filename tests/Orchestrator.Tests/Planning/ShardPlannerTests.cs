using NumeraiPipeline.Orchestrator.Definition;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Execution;
using NumeraiPipeline.Orchestrator.Planning;
using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Orchestrator.Tests.Planning;

/// <summary>
/// --shard I/N splits the expensive independent instances over the tasks: deterministic, balanced, an instance's
/// chain kept together, upstream shared, the fan-in left to the gather; I/N from the option or a job runner's variables.
/// </summary>
public sealed class ShardPlannerTests : IDisposable
{
    private static readonly Lazy<PluginSet> Plugins = new(() => PluginHost.Load([TestRepo.TestPlugins], unloadable: false));
    private readonly TempWorkspace temp = new();

    public void Dispose() => temp.Dispose();

    private ExecutionPlan Plan(string yaml, params string[] sets)
    {
        var path = Path.Combine(temp.Path, "s.yaml");
        File.WriteAllText(path, yaml);
        return PipelinePlanner.Plan(PipelineLoader.Load(path, sets), Plugins.Value.Stages, new EnvironmentSecretStore(_ => null), _ => null);
    }

    private const string Zoo = """
        name: zoo
        stages:
          download:
            uses: test.echo
            with: { message: data }
          unrelated:
            uses: test.echo
            with: { message: other }
          train:
            uses: test.copy
            matrix: { seed: [1, 2, 3, 4, 5, 6, 7] }
            with: { source: "${stages.download.outputs.text}" }
          predict:
            uses: test.copy
            matrix: { seed: [1, 2, 3, 4, 5, 6, 7] }
            with: { source: "${stages.train.outputs.copy}" }
          ensemble:
            uses: test.concat
            with: { sources: "${stages.predict.outputs.copy}" }
          notify:
            uses: test.echo
            needs: [ensemble]
            when: always
            with: { message: done }
        """;

    [Fact]
    public void Instances_are_dealt_round_robin_in_id_order_and_each_chain_stays_on_its_task()
    {
        var plan = Plan(Zoo);

        var owners = ShardPlanner.Owners(plan, 3);

        owners.Where(o => o.Key.StartsWith("train", StringComparison.Ordinal)).OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => o.Value)
            .ShouldBe([1, 2, 3, 1, 2, 3, 1]);
        foreach (var seed in Enumerable.Range(1, 7))
        {
            owners[$"predict[seed={seed}]"].ShouldBe(owners[$"train[seed={seed}]"]);
        }

        owners.Keys.ShouldNotContain("download");
        owners.Keys.ShouldNotContain("ensemble");
        ShardPlanner.Owners(Plan(Zoo), 3).ShouldBe(owners);
    }

    [Fact]
    public void A_task_runs_its_instances_and_their_upstream_and_leaves_the_rest()
    {
        var split = ShardPlanner.Split(Plan(Zoo), new ShardSpec(2, 3));

        split.With(ShardRole.Assigned).Order(StringComparer.Ordinal).ShouldBe(["predict[seed=2]", "predict[seed=5]", "train[seed=2]", "train[seed=5]"]);
        split.With(ShardRole.Upstream).ShouldBe(["download"]);
        split.Stages["train[seed=1]"].Reason.ShouldBe("not this task's: task 1/3 runs it");
        split.Stages["ensemble"].Reason.ShouldBe("a fan-in of sharded instances: left to the gather (a run without --shard)");
        split.Stages["notify"].Role.ShouldBe(ShardRole.NotMine);
        split.Stages["unrelated"].Reason.ShouldBe("not needed by this task's instances");
        split.Stages["download"].RoleName.ShouldBe("upstream");
        split.Stages["train[seed=3]"].RoleName.ShouldBe("skipped-not-mine");
    }

    [Fact]
    public void Every_instance_is_assigned_to_exactly_one_task_for_any_task_count()
    {
        var plan = Plan(Zoo);
        foreach (var count in new[] { 1, 2, 3, 7, 50 })
        {
            var assigned = Enumerable.Range(1, count).SelectMany(i => ShardPlanner.Split(plan, new ShardSpec(i, count)).With(ShardRole.Assigned)).ToList();

            assigned.Count.ShouldBe(14);
            assigned.Distinct().Count().ShouldBe(14);
        }
    }

    [Fact]
    public void Shard_true_spreads_a_plain_stage_and_shard_false_keeps_a_matrix_out_of_the_split()
    {
        var plan = Plan(Zoo, "stages.unrelated.shard=true", "stages.predict.shard=false");

        var owners = ShardPlanner.Owners(plan, 3);
        var task1 = ShardPlanner.Split(plan, new ShardSpec(1, 3));

        owners.Keys.ShouldContain("unrelated");
        owners.Keys.ShouldNotContain("predict[seed=1]");
        // Not sharded and downstream of sharded instances: a fan-in, left to the gather.
        task1.Stages["predict[seed=1]"].Role.ShouldBe(ShardRole.NotMine);
        task1.Stages["predict[seed=1]"].Reason.ShouldStartWith("a fan-in");
    }

    [Fact]
    public void Shard_must_be_true_or_false()
    {
        var yaml = Zoo.Replace("    with: { message: other }", "    shard: maybe\n    with: { message: other }", StringComparison.Ordinal);

        var errors = Should.Throw<PipelineException>(() => Plan(yaml)).Diagnostics.Select(d => d.Render().Replace(temp.Path + "/", "", StringComparison.Ordinal)).ToList();

        errors.ShouldHaveSingleItem().ShouldBe("s.yaml(8,12): error NP1008: 'stages.unrelated.shard' must be true or false (whether --shard spreads the stage's instances over the tasks), but is 'maybe'.");
    }

    [Theory]
    [InlineData("2/3", null, 2, 3)]
    [InlineData(" 1/1 ", null, 1, 1)]
    [InlineData(null, "cloud", 3, 5)]
    [InlineData(null, "k8s", 1, 4)]
    public void The_task_comes_from_the_option_or_the_job_runner(string? option, string? runner, int index, int count)
    {
        var env = runner switch
        {
            "cloud" => new Dictionary<string, string> { ["CLOUD_RUN_TASK_INDEX"] = "2", ["CLOUD_RUN_TASK_COUNT"] = "5" },
            "k8s" => new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "0", ["NUMERAI_PIPELINE_SHARD_COUNT"] = "4" },
            _ => new Dictionary<string, string> { ["CLOUD_RUN_TASK_INDEX"] = "0", ["CLOUD_RUN_TASK_COUNT"] = "9" },
        };

        ShardSpec.Resolve(option, null, n => env.GetValueOrDefault(n)).ShouldBe(new ShardSpec(index, count));
    }

    [Fact]
    public void A_job_of_one_task_or_an_index_without_a_count_is_an_ordinary_run()
    {
        ShardSpec.Resolve(null, null, n => n switch { "CLOUD_RUN_TASK_INDEX" => "0", "CLOUD_RUN_TASK_COUNT" => "1", _ => null }).ShouldBeNull();
        ShardSpec.Resolve(null, null, n => n == "JOB_COMPLETION_INDEX" ? "3" : null).ShouldBeNull();
        ShardSpec.Resolve(null, 6, n => n == "JOB_COMPLETION_INDEX" ? "3" : null).ShouldBe(new ShardSpec(4, 6));
        ShardSpec.Resolve(null, null, _ => null).ShouldBeNull();
    }

    [Theory]
    [InlineData("0/3", null, "--shard '0/3': the task index must be between 1 and 3 (1-based), not 0.")]
    [InlineData("4/3", null, "--shard '4/3': the task index must be between 1 and 3 (1-based), not 4.")]
    [InlineData("1/0", null, "--shard '1/0': the task count must be between 1 and 10000, not 0.")]
    [InlineData("1/10001", null, "--shard '1/10001': the task count must be between 1 and 10000, not 10001.")]
    [InlineData("two/3", null, "--shard 'two/3' is not I/N: give the task's 1-based index and the task count, e.g. --shard 2/10.")]
    [InlineData("-1/3", null, "--shard '-1/3' is not I/N: give the task's 1-based index and the task count, e.g. --shard 2/10.")]
    [InlineData(null, "index-only", "CLOUD_RUN_TASK_INDEX is set (4) but CLOUD_RUN_TASK_COUNT is not: set both (Cloud Run does), or pass --shard I/N.")]
    [InlineData(null, "index-too-big", "CLOUD_RUN_TASK_INDEX/CLOUD_RUN_TASK_COUNT '6/5': the task index must be between 1 and 5 (1-based), not 6.")]
    public void A_bad_shard_is_NP1019_before_anything_runs(string? option, string? runner, string message)
    {
        var env = runner switch
        {
            "index-only" => new Dictionary<string, string> { ["CLOUD_RUN_TASK_INDEX"] = "4" },
            "index-too-big" => new Dictionary<string, string> { ["CLOUD_RUN_TASK_INDEX"] = "5", ["CLOUD_RUN_TASK_COUNT"] = "5" },
            _ => [],
        };

        var error = Should.Throw<PipelineException>(() => ShardSpec.Resolve(option, null, n => env.GetValueOrDefault(n))).Diagnostics.ShouldHaveSingleItem();

        error.Render().ShouldBe($"numerai-pipeline: error NP1019: {message}");
        DiagnosticCodes.BadShard.Exit.ShouldBe(ExitClass.InvalidInput);
    }
}
