using NumeraiPipeline.Orchestrator.Definition;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Execution;
using NumeraiPipeline.Orchestrator.Planning;
using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Orchestrator.Tests.Planning;

/// <summary>matrix: stages expand into instances in the planner: ids, values, pairing, lists, include/exclude, errors.</summary>
public sealed class MatrixExpanderTests : IDisposable
{
    private static readonly Lazy<PluginSet> Plugins = new(() => PluginHost.Load([TestRepo.TestPlugins], unloadable: false));
    private readonly TempWorkspace temp = new();

    public void Dispose() => temp.Dispose();

    private ExecutionPlan Plan(string yaml, params string[] sets)
    {
        var path = Path.Combine(temp.Path, "m.yaml");
        File.WriteAllText(path, yaml);
        return PipelinePlanner.Plan(PipelineLoader.Load(path, sets), Plugins.Value.Stages, new EnvironmentSecretStore(_ => null), _ => null);
    }

    private IReadOnlyList<string> Errors(string yaml, params string[] sets) =>
        Should.Throw<PipelineException>(() => Plan(yaml, sets)).Diagnostics.Select(d => d.Render().Replace(temp.Path + "/", "", StringComparison.Ordinal)).ToList();

    private const string Zoo = """
        name: zoo
        vars:
          targets: [target, target_ender_20]
        stages:
          train:
            uses: test.echo
            matrix: { target: "${vars.targets}", seed: [1, 2] }
            with: { message: "${matrix.target} seed ${matrix.seed}", count: "${matrix.seed}" }
          predict:
            uses: test.copy
            matrix: { target: "${vars.targets}", seed: [1, 2] }
            with: { source: "${stages.train.outputs.text}" }
          per_target:
            uses: test.concat
            matrix: { target: "${vars.targets}" }
            with: { sources: "${stages.predict.outputs.copy}" }
          all:
            uses: test.concat
            with: { sources: ["${stages.predict.outputs.copy}"] }
          report:
            uses: test.echo
            needs: [train]
            with: { message: done }
        """;

    [Fact]
    public void Each_combination_is_an_instance_whose_id_shows_its_values_in_key_order()
    {
        var plan = Plan(Zoo);

        plan.Stages.Where(s => s.Definition.BaseId == "train").Select(s => s.Id).ShouldBe(
        [
            "train[target=target,seed=1]", "train[target=target,seed=2]",
            "train[target=target_ender_20,seed=1]", "train[target=target_ender_20,seed=2]",
        ]);
        var one = plan.Stage("train[target=target_ender_20,seed=2]").Definition;
        ((YScalar)one.With["message"]!).Value.ShouldBe("target_ender_20 seed 2");
        ((YScalar)one.With["count"]!).Value.ShouldBe("2");
        ((YScalar)one.With["count"]!).Quoted.ShouldBeFalse("a number stays a number");
        one.Instance!.Value("seed").ShouldBe("2");
    }

    [Fact]
    public void A_matrix_over_the_same_keys_pairs_with_the_matching_instance()
    {
        var plan = Plan(Zoo);

        plan.Stage("predict[target=target_ender_20,seed=1]").Dependencies.ShouldBe(["train[target=target_ender_20,seed=1]"]);
    }

    [Fact]
    public void A_matrix_over_fewer_keys_gets_the_list_of_matching_instances_and_a_plain_stage_gets_them_all()
    {
        var plan = Plan(Zoo);

        plan.Stage("per_target[target=target]").Dependencies.ShouldBe(["predict[target=target,seed=1]", "predict[target=target,seed=2]"]);
        var sources = (YSequence)plan.Stage("per_target[target=target]").Definition.With["sources"]!;
        sources.Items.Cast<YScalar>().Select(s => s.Value).ShouldBe(["${stages.predict[target=target,seed=1].outputs.copy}", "${stages.predict[target=target,seed=2].outputs.copy}"]);
        plan.Stage("all").Dependencies.Count.ShouldBe(4);
        ((YSequence)plan.Stage("all").Definition.With["sources"]!).Items.Count.ShouldBe(4, "a list in a list is spliced in");
        plan.Stage("report").Dependencies.Count.ShouldBe(4, "needs: [train] needs every instance");
    }

    [Fact]
    public void Include_adds_and_exclude_removes_combinations()
    {
        var plan = Plan("""
            stages:
              t:
                uses: test.echo
                matrix:
                  a: [x, y]
                  b: [1, 2]
                  exclude: [{ a: y, b: 2 }]
                  include: [{ a: z, b: 9 }, { a: x, b: 1 }]
                with: { message: "${matrix.a}${matrix.b}" }
            """);

        plan.Stages.Select(s => s.Id).ShouldBe(["t[a=x,b=1]", "t[a=x,b=2]", "t[a=y,b=1]", "t[a=z,b=9]"]);
    }

    [Fact]
    public void Values_can_come_from_set()
    {
        var plan = Plan(Zoo, "stages.train.matrix.seed=[1,2,3]", "stages.predict.matrix.seed=[3]");

        plan.Stages.Count(s => s.Definition.BaseId == "train").ShouldBe(6);
        plan.Stage("predict[target=target,seed=3]").Dependencies.ShouldBe(["train[target=target,seed=3]"]);
    }

    [Fact]
    public void Bad_matrices_are_coded_errors_with_their_position()
    {
        var errors = Errors("""
            stages:
              a: { uses: test.echo, matrix: { k: [] }, with: { message: m } }
              b: { uses: test.echo, matrix: { k: [1, 1] }, with: { message: m } }
              c: { uses: test.echo, matrix: { k: [x, y] }, with: { message: "${matrix.kk}" } }
              d: { uses: test.echo, matrix: { k: ["a b"] }, with: { message: m } }
              e: { uses: test.echo, matrix: { k: [x], exclude: [{ k: x }] }, with: { message: m } }
              f: { uses: test.echo, matrix: { k: [x], include: [{ q: 1 }] }, with: { message: m } }
              g: { uses: test.echo, matrix: [x], with: { message: m } }
              h: { uses: test.echo, with: { message: "${matrix.k}" } }
              i: { uses: test.echo, with: { message: "joined ${stages.c.outputs.text}" } }
            """);

        errors.ShouldBe(
        [
            "m.yaml(2,38): error NP1018: stage 'a': matrix key 'k' has no values: give it a list of at least one value.",
            "m.yaml(3,38): error NP1018: stage 'b': matrix key 'k' lists '1' twice.",
            "m.yaml(4,65): error NP1006: '${matrix.kk}' refers to matrix key 'kk', which the matrix of stage 'c' does not have (keys: k). Did you mean 'k'?",
            "m.yaml(5,39): error NP1018: stage 'd': matrix key 'k' has the value 'a b': matrix values are plain words or numbers (letters, digits, '_', '-', '.', '+').",
            "m.yaml(6,33): error NP1018: stage 'e': 'exclude' removes every combination: the stage would have no instances.",
            "m.yaml(7,55): error NP1018: stage 'f': 'include' names 'q', which is not a key of the matrix (k). Did you mean 'k'?",
            "m.yaml(8,33): error NP1018: stage 'g': 'matrix' must be a map of keys to lists of values, e.g. matrix: { target: [target, target_ender_20], seed: [1, 2] }.",
            "m.yaml(9,3): error NP1006: '${matrix...}' is used in stage 'h', which has no 'matrix:'. Give the stage a 'matrix:' map, or use ${vars.NAME}.",
            "m.yaml(10,42): error NP1006: '${stages.c.outputs.text}' names the outputs of 2 instances of the matrix stage 'c', a list, which cannot stand inside a text. Give the whole value to the reference (an option that takes a list), or make this stage a matrix over the same keys.",
        ], ignoreOrder: true);
    }
}
