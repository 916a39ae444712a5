using System.Text.Json;

namespace NumeraiPipeline.Orchestrator.Tests.Execution;

/// <summary>Matrix instances run, stamp and rerun one by one: a new value reruns only its instance and the fan-in.</summary>
public sealed class MatrixRunTests : IDisposable
{
    private readonly PipelineFiles files = new();

    public void Dispose() => files.Dispose();

    private const string Yaml = """
        name: zoo
        stages:
          train:
            uses: test.echo
            matrix: { target: [a, b], seed: [1, 2] }
            with: { message: "${matrix.target}-${matrix.seed}" }
          predict:
            uses: test.copy
            matrix: { target: [a, b], seed: [1, 2] }
            with: { source: "${stages.train.outputs.text}", upper: true }
          ensemble:
            uses: test.concat
            with: { sources: "${stages.predict.outputs.copy}" }
        """;

    private static Dictionary<string, string> Outcomes(CliResult result) =>
        JsonDocument.Parse(result.Output).RootElement.GetProperty("stages").EnumerateArray()
            .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("outcome").GetString()!);

    [Fact]
    public async Task Instances_run_with_their_own_artifacts_and_a_new_value_reruns_only_its_instances_and_the_fan_in()
    {
        var p = files.Write("zoo.yaml", Yaml);

        var first = await files.RunAsync(p, "--json");

        first.ExitCode.ShouldBe(0, first.Error);
        Outcomes(first).Count.ShouldBe(9);
        File.ReadAllText(files.Artifact("zoo", "ensemble", "joined.txt")).ShouldBe("A-1\nA-2\nB-1\nB-2\n");
        File.ReadAllText(files.Artifact("zoo", "predict[target=b,seed=1]", "copy.txt")).ShouldBe("B-1\n");
        File.Exists(Path.Combine(files.Workspace, "stamps", "zoo", "train[target=a,seed=2].json")).ShouldBeTrue();

        var added = await files.RunAsync(p, "--json", "--set", "stages.train.matrix.seed=[1,2,3]", "--set", "stages.predict.matrix.seed=[1,2,3]");

        var outcomes = Outcomes(added);
        outcomes.Where(o => o.Value == "succeeded").Select(o => o.Key).ShouldBe(
            ["train[target=a,seed=3]", "train[target=b,seed=3]", "predict[target=a,seed=3]", "predict[target=b,seed=3]", "ensemble"], ignoreOrder: true);
        outcomes.Count(o => o.Value == "up-to-date").ShouldBe(8);
        File.ReadAllText(files.Artifact("zoo", "ensemble", "joined.txt")).ShouldBe("A-1\nA-2\nA-3\nB-1\nB-2\nB-3\n");

        var removed = await files.RunAsync(p, "--json");

        Outcomes(removed).Where(o => o.Value == "succeeded").Select(o => o.Key).ShouldBe(["ensemble"]);
    }

    [Fact]
    public async Task Force_names_a_whole_matrix_or_some_of_its_instances()
    {
        var p = files.Write("zoo.yaml", Yaml);
        (await files.RunAsync(p)).ExitCode.ShouldBe(0);

        var some = Outcomes(await files.RunAsync(p, "--json", "--force", "train[target=b]"));
        var all = Outcomes(await files.RunAsync(p, "--json", "--force", "predict"));

        some.Where(o => o.Key.StartsWith("train", StringComparison.Ordinal) && o.Value == "succeeded").Select(o => o.Key).ShouldBe(["train[target=b,seed=1]", "train[target=b,seed=2]"], ignoreOrder: true);
        all.Where(o => o.Key.StartsWith("predict", StringComparison.Ordinal)).ShouldAllBe(o => o.Value == "succeeded");
        (await files.RunAsync(p, "--force", "train[target=c]")).ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Plan_and_graph_show_the_instances()
    {
        var p = files.Write("zoo.yaml", Yaml);

        var plan = await TestRepo.RunCliAsync("plan", p, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace);
        var graph = await TestRepo.RunCliAsync("graph", p, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins");

        plan.Output.ShouldContain("  train[target=a,seed=1] (test.echo): will run: never built");
        plan.Output.ShouldContain("  ensemble (test.concat) needs predict[target=a,seed=1], predict[target=a,seed=2], predict[target=b,seed=1], predict[target=b,seed=2]");
        graph.Output.ShouldContain("[\"predict[target=b,seed=2]<br/>test.copy\"]");
    }
}
