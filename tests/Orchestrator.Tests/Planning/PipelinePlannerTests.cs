using NumeraiPipeline.Orchestrator.Definition;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Execution;
using NumeraiPipeline.Orchestrator.Planning;
using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Orchestrator.Tests.Planning;

/// <summary>The planner on small graphs (A/B/C/D) of the test plugins' stage types.</summary>
public sealed class PipelinePlannerTests : IDisposable
{
    private static readonly Lazy<PluginSet> Plugins = new(() => PluginHost.Load([TestRepo.TestPlugins], unloadable: false));
    private readonly TempWorkspace temp = new();

    public void Dispose() => temp.Dispose();

    private ExecutionPlan Plan(string yaml, params string[] sets)
    {
        var path = Path.Combine(temp.Path, "p.yaml");
        File.WriteAllText(path, yaml);
        return PipelinePlanner.Plan(PipelineLoader.Load(path, sets), Plugins.Value.Stages, new EnvironmentSecretStore(), Environment.GetEnvironmentVariable);
    }

    [Fact]
    public void Orders_stages_by_levels_from_explicit_and_implicit_edges()
    {
        var plan = Plan("""
            stages:
              d: { uses: test.copy, with: { source: "${stages.b.outputs.text}" }, needs: [c] }
              c: { uses: test.echo, needs: [a], with: { message: c } }
              b: { uses: test.echo, needs: [a], with: { message: b } }
              a: { uses: test.echo, with: { message: a } }
            """);

        plan.Stages.Select(s => (s.Id, s.Level)).ShouldBe([("a", 0), ("c", 1), ("b", 1), ("d", 2)]);
        plan.Stage("d").Dependencies.ShouldBe(["c", "b"]);
        plan.Downstream("a").ShouldBe(["c", "b", "d"], ignoreOrder: true);
    }

    [Fact]
    public void Names_the_whole_chain_of_a_cycle_through_implicit_edges()
    {
        var ex = Should.Throw<PipelineException>(() => Plan("""
            stages:
              a: { uses: test.copy, with: { source: "${stages.c.outputs.copy}" } }
              b: { uses: test.copy, with: { source: "${stages.a.outputs.copy}" } }
              c: { uses: test.copy, with: { source: "${stages.b.outputs.copy}" } }
            """));

        ex.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("the stages form a cycle: 'a' -> 'c' -> 'b' -> 'a' (each needs the next). Remove one of these dependencies.");
        ex.ExitCode.ShouldBe(2);
    }

    [Fact]
    public void Extends_deep_merges_and_set_overrides_after_it()
    {
        File.WriteAllText(Path.Combine(temp.Path, "base.yaml"), """
            name: base
            vars: { who: base }
            stages:
              a: { uses: test.echo, with: { message: "${vars.who}", count: 2 } }
              b: { uses: test.echo, with: { message: b } }
            """);
        var plan = Plan("""
            extends: base
            name: child
            vars: { who: child }
            stages:
              a: { with: { count: 3 } }
            """, "stages.b.with.count=7");

        plan.Pipeline.Name.ShouldBe("child");
        var a = plan.Stage("a").Definition.With;
        ((YScalar)a["message"]!).Value.ShouldBe("${vars.who}");
        ((YScalar)a["count"]!).Value.ShouldBe("3");
        ((YScalar)plan.Stage("b").Definition.With["count"]!).Value.ShouldBe("7");
        ((YScalar)plan.Pipeline.Vars["who"]).Value.ShouldBe("child");
    }

    [Fact]
    public void Extends_replaces_a_stage_whose_type_changes_instead_of_merging_its_options()
    {
        // swapping the model stage (lightgbm.train -> mlnet.train) must not inherit the other type's options
        File.WriteAllText(Path.Combine(temp.Path, "base.yaml"), """
            stages:
              a: { uses: test.echo, with: { message: a, count: 2 } }
              b: { uses: test.echo, needs: [a], when: always, with: { message: b, count: 4 } }
            """);
        var plan = Plan("""
            extends: base
            stages:
              a: { with: { count: 3 } }
              b: { uses: test.copy, with: { source: "${stages.a.outputs.text}" } }
            """);

        ((YScalar)plan.Stage("a").Definition.With["message"]!).Value.ShouldBe("a");
        ((YScalar)plan.Stage("a").Definition.With["count"]!).Value.ShouldBe("3");
        var b = plan.Stage("b").Definition;
        b.Uses.ShouldBe("test.copy");
        b.With.Entries.Select(e => e.Key).ShouldBe(["source"]);
        b.When.ShouldNotBe("always");
        b.Needs.ShouldBeEmpty();
    }

    [Fact]
    public void A_bad_option_every_matrix_instance_shares_is_reported_once_and_one_of_a_single_value_names_its_instance()
    {
        var ex = Should.Throw<PipelineException>(() => Plan("""
            stages:
              a:
                uses: test.echo
                matrix: { who: [x, y], n: [1, 500] }
                with:
                  message: "${matrix.who}"
                  count: "${matrix.n}"
                  tags: [colour=red]
            """));

        var path = Path.Combine(temp.Path, "p.yaml");
        ex.Diagnostics.Select(d => d.Render()).ShouldBe([
            $"{path}(8,7): error NP2002: stage 'a' (test.echo, all 4 matrix instances): tag 'colour' has the value 'RED', and tags take no values.",
            $"{path}(7,7): error NP2002: stage 'a[who=x,n=500]' (test.echo): option 'count' must be between 1 and 100.",
            $"{path}(7,7): error NP2002: stage 'a[who=y,n=500]' (test.echo): option 'count' must be between 1 and 100.",
        ]);
    }
}
