using System.Text.Json;

namespace NumeraiPipeline.Orchestrator.Tests.Execution;

/// <summary>
/// Tasks of a sharded run on one folder store, started at once: the shared upstream stage runs once, every instance
/// once, the fan-in is left to the gather, which finds every instance up to date and matches a single run's result.
/// </summary>
public sealed class ShardRunTests : IDisposable
{
    private readonly PipelineFiles files = new();

    public void Dispose() => files.Dispose();

    private string Store => Path.Combine(files.Root, "bucket");

    private const string Yaml = """
        name: zoo
        stages:
          download:
            uses: test.echo
            with: { message: data }
          train:
            uses: test.echo
            matrix: { seed: [1, 2, 3, 4, 5, 6] }
            with: { message: "model ${matrix.seed}", input: "${stages.download.outputs.text}" }
          predict:
            uses: test.copy
            matrix: { seed: [1, 2, 3, 4, 5, 6] }
            with: { source: "${stages.train.outputs.text}", upper: true }
          ensemble:
            uses: test.concat
            with: { sources: "${stages.predict.outputs.copy}" }
        """;

    private Task<CliResult> Task(string pipeline, string workspace, params string[] extra) =>
        TestRepo.RunCliAsync(["run", pipeline, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", Path.Combine(files.Root, workspace), "--json", .. extra]);

    private static JsonElement Root(CliResult r) => JsonDocument.Parse(r.Output).RootElement;

    private static Dictionary<string, JsonElement> Stages(CliResult r) =>
        Root(r).GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);

    [Fact]
    public async Task Three_tasks_at_once_do_each_stage_once_and_the_gather_only_the_fan_in()
    {
        var p = files.Write("zoo.yaml", Yaml);

        var tasks = await System.Threading.Tasks.Task.WhenAll(Enumerable.Range(1, 3).Select(i =>
            Task(p, $"task{i}", "--shard", $"{i}/3", "--store", Store, "--shard-poll", "00:00:00.100")));

        tasks.ShouldAllBe(t => t.ExitCode == 0, string.Join("\n---\n", tasks.Select(t => t.Error)));
        var ran = tasks.SelectMany(t => Stages(t).Values.Where(s => s.GetProperty("outcome").GetString() == "succeeded").Select(s => s.GetProperty("id").GetString()!)).ToList();
        ran.Count(id => id == "download").ShouldBe(1);
        foreach (var seed in Enumerable.Range(1, 6))
        {
            ran.Count(id => id == $"train[seed={seed}]").ShouldBe(1);
            ran.Count(id => id == $"predict[seed={seed}]").ShouldBe(1);
        }

        ran.ShouldNotContain("ensemble");
        var second = Root(tasks[1]);
        second.GetProperty("shard").GetProperty("index").GetInt32().ShouldBe(2);
        second.GetProperty("shard").GetProperty("count").GetInt32().ShouldBe(3);
        second.GetProperty("shard").GetProperty("assigned").EnumerateArray().Select(e => e.GetString()).ShouldBe(["train[seed=2]", "train[seed=5]", "predict[seed=2]", "predict[seed=5]"], ignoreOrder: true);
        Stages(tasks[1])["ensemble"].GetProperty("shard").GetString().ShouldBe("skipped-not-mine");
        Stages(tasks[1])["ensemble"].GetProperty("outcome").GetString().ShouldBe("skipped");
        Stages(tasks[1])["download"].GetProperty("shard").GetString().ShouldBe("upstream");
        Stages(tasks[1])["train[seed=1]"].GetProperty("message").GetString().ShouldBe("not this task's: task 1/3 runs it");
        // A task pulls only what it runs: not the other tasks' instances.
        Directory.Exists(Path.Combine(files.Root, "task2", "artifacts", "zoo", "train[seed=1]")).ShouldBeFalse();

        var gather = await Task(p, "gather", "--store", Store);
        var single = await Task(p, "single");

        gather.ExitCode.ShouldBe(0, gather.Error);
        var outcomes = Stages(gather).ToDictionary(s => s.Key, s => s.Value.GetProperty("outcome").GetString());
        outcomes.Where(o => o.Key != "ensemble").ShouldAllBe(o => o.Value == "up-to-date");
        outcomes["ensemble"].ShouldBe("succeeded");
        Root(gather).GetProperty("shard").ValueKind.ShouldBe(JsonValueKind.Null);
        File.ReadAllBytes(Path.Combine(files.Root, "gather", "artifacts", "zoo", "ensemble", "joined.txt"))
            .ShouldBe(File.ReadAllBytes(Path.Combine(files.Root, "single", "artifacts", "zoo", "ensemble", "joined.txt")));
    }

    [Fact]
    public async Task A_rerun_task_finds_its_work_in_the_store_and_runs_nothing()
    {
        var p = files.Write("zoo.yaml", Yaml);
        (await Task(p, "t1", "--shard", "1/2", "--store", Store)).ExitCode.ShouldBe(0);

        var retry = await Task(p, "t1-retry", "--shard", "1/2", "--store", Store);

        retry.ExitCode.ShouldBe(0, retry.Error);
        Stages(retry).Values.Where(s => s.GetProperty("shard").GetString() != "skipped-not-mine").ShouldAllBe(s => s.GetProperty("outcome").GetString() == "up-to-date");
    }

    [Fact]
    public async Task Plan_shard_shows_what_the_task_would_do()
    {
        var p = files.Write("zoo.yaml", Yaml);

        var text = await TestRepo.RunCliAsync("plan", p, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace, "--shard", "3/3");
        var json = await TestRepo.RunCliAsync("plan", p, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace, "--shard", "3/3", "--json");

        text.ExitCode.ShouldBe(0, text.Error);
        text.Output.ShouldContain("task 3/3: 4 assigned, 1 upstream (done once across the tasks, under a store lease), 9 left to other tasks or the gather (a run without --shard)");
        text.Output.ShouldContain("  train[seed=3] (test.echo) needs download: assigned, will run: never built");
        text.Output.ShouldContain("  download (test.echo): upstream, will run: never built");
        text.Output.ShouldContain("  train[seed=1] (test.echo) needs download: skipped-not-mine: not this task's: task 1/3 runs it");
        text.Output.ShouldContain("  ensemble (test.concat) needs predict[seed=1], predict[seed=2], predict[seed=3], predict[seed=4], predict[seed=5], predict[seed=6]: skipped-not-mine: a fan-in of sharded instances: left to the gather (a run without --shard)");
        var stages = JsonDocument.Parse(json.Output).RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        stages["predict[seed=6]"].GetProperty("shard").GetString().ShouldBe("assigned");
        stages["predict[seed=6]"].GetProperty("shard_task").GetInt32().ShouldBe(3);
        stages["ensemble"].GetProperty("will_run").GetBoolean().ShouldBeFalse();
    }

    [Theory]
    [InlineData("4/3", "numerai-pipeline: error NP1019: --shard '4/3': the task index must be between 1 and 3 (1-based), not 4.")]
    [InlineData("1/3", "numerai-pipeline: error NP1019: task 1/3 of a sharded run needs a store the tasks share: pass --store gs://BUCKET/PREFIX or a folder (or set NUMERAI_PIPELINE_STORE).")]
    public async Task A_bad_shard_or_one_without_a_store_is_exit_2_before_anything_runs(string shard, string error)
    {
        var p = files.Write("zoo.yaml", Yaml);

        var run = await TestRepo.RunCliAsync("run", p, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace, "--shard", shard);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain(error);
        Directory.Exists(Path.Combine(files.Workspace, "artifacts")).ShouldBeFalse();
    }
}
