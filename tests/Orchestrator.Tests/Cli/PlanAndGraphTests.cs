namespace NumeraiPipeline.Orchestrator.Tests.Cli;

/// <summary>plan (with verdicts and --check), graph (Mermaid and DOT), list and plugins, as a user sees them.</summary>
public sealed class PlanAndGraphTests : IDisposable
{
    private readonly PipelineFiles files = new();

    public void Dispose() => files.Dispose();

    private const string Yaml = """
        name: small
        description: three stages
        stages:
          a: { uses: test.echo, with: { message: a } }
          b: { uses: test.copy, with: { source: "${stages.a.outputs.text}" } }
          c: { uses: test.echo, needs: [b], when: always, with: { message: c } }
        """;

    private Task<CliResult> Cli(params string[] args) => TestRepo.RunCliAsync([.. args, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace]);

    [Fact]
    public async Task Plan_shows_levels_and_verdicts_and_check_mode_exits_1_until_everything_is_up_to_date()
    {
        var p = files.Write("small.yaml", Yaml);

        var before = await Cli("plan", p, "--check");
        (await files.RunAsync(p)).ExitCode.ShouldBe(0);
        var after = await Cli("plan", p, "--check");

        before.ExitCode.ShouldBe(1);
        before.Output.ShouldBe("""
            pipeline 'small': 3 stages in 3 levels
            level 0:
              a (test.echo): will run: never built
            level 1:
              b (test.copy) needs a: will run: never built; will run if 'a' changes its outputs
            level 2:
              c (test.echo) needs b when always: will run: never built; will run if 'b' changes its outputs

            """.ReplaceLineEndings("\n"));
        after.ExitCode.ShouldBe(1, "c runs every time (when: always)");
        after.Output.ShouldContain("  a (test.echo): up to date\n");
        after.Output.ShouldContain("  b (test.copy) needs a: up to date\n");
        after.Output.ShouldContain("  c (test.echo) needs b when always: will run: not cached (cache: never, or when: always/failure)");
    }

    [Fact]
    public async Task Plan_says_inputs_not_available_when_an_up_to_date_stage_lacks_the_output_a_dependant_reads()
    {
        var p = files.Write("small.yaml", Yaml);
        (await TestRepo.RunCliAsync("run", p, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace)).ExitCode.ShouldBe(0);
        var stampPath = Path.Combine(files.Workspace, "stamps", "small", "a.json");
        var stamp = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(stampPath))!;
        stamp["outputs"]!.AsObject().Remove("text");
        File.WriteAllText(stampPath, stamp.ToJsonString());

        var plan = await Cli("plan", p, "--json");

        var b = System.Text.Json.JsonDocument.Parse(plan.Output).RootElement.GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "b");
        b.GetProperty("reasons")[0].GetProperty("kind").GetString().ShouldBe("inputs_not_available");
        b.GetProperty("reasons")[0].GetProperty("detail").GetString().ShouldBe("inputs not available yet");
    }

    [Fact]
    public async Task Graph_prints_mermaid_and_dot()
    {
        var p = files.Write("small.yaml", Yaml);

        var mermaid = await Cli("graph", p);
        var dot = await Cli("graph", p, "--format", "dot");

        mermaid.Output.ShouldBe("""
            flowchart TD
              s0["a<br/>test.echo"]
              s1["b<br/>test.copy"]
              s2["c<br/>test.echo"]
              s0 --> s1
              s1 -. "always" .-> s2

            """.ReplaceLineEndings("\n"));
        dot.Output.ShouldContain("digraph \"small\" {");
        dot.Output.ShouldContain("  \"a\" -> \"b\";");
        dot.Output.ShouldContain("  \"b\" -> \"c\" [style=dashed, label=\"always\"];");
    }

    [Fact]
    public async Task Graph_gives_mermaid_keywords_and_dashed_ids_nodes_of_their_own()
    {
        var p = files.Write("keywords.yaml", """
            name: keywords
            stages:
              graph: { uses: test.echo, with: { message: a } }
              end: { uses: test.copy, with: { source: "${stages.graph.outputs.text}" } }
              subgraph: { uses: test.echo, needs: [end], with: { message: c } }
              a-b: { uses: test.echo, needs: [subgraph], with: { message: d } }
            """);

        var mermaid = await Cli("graph", p);

        mermaid.ExitCode.ShouldBe(0, mermaid.Error);
        mermaid.Output.ShouldBe("""
            flowchart TD
              s0["graph<br/>test.echo"]
              s1["end<br/>test.copy"]
              s2["subgraph<br/>test.echo"]
              s3["a-b<br/>test.echo"]
              s0 --> s1
              s1 --> s2
              s2 --> s3

            """.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("plan")]
    [InlineData("run")]
    public async Task An_invalid_pipeline_with_json_prints_one_document_with_every_positioned_error(string command)
    {
        var p = files.Write("bad.yaml", """
            name: bad
            stages:
              a: { uses: test.echoo, with: { message: a } }
              b: { uses: test.echo, needs: [c], with: { message: b } }
            """);

        var result = await Cli(command, p, "--json");

        result.ExitCode.ShouldBe(2);
        using var doc = System.Text.Json.JsonDocument.Parse(result.Output);
        doc.RootElement.GetProperty("valid").GetBoolean().ShouldBeFalse();
        doc.RootElement.GetProperty("exit_code").GetInt32().ShouldBe(2);
        var errors = doc.RootElement.GetProperty("errors").EnumerateArray().ToList();
        errors.Select(e => e.GetProperty("code").GetString()).ShouldBe(["NP1004", "NP1003"], ignoreOrder: true);
        var unknown = errors.Single(e => e.GetProperty("code").GetString() == "NP1004");
        unknown.GetProperty("file").GetString()!.ShouldEndWith("bad.yaml");
        unknown.GetProperty("line").GetInt32().ShouldBe(3);
        unknown.GetProperty("column").GetInt32().ShouldBe(14);
        unknown.GetProperty("message").GetString().ShouldBe("stage 'a' uses 'test.echoo', which no loaded plugin provides. Did you mean 'test.echo'? Run 'numerai-pipeline plugins' to list stage types.");
        result.Error.ShouldContain("bad.yaml(3,14): error NP1004: stage 'a' uses 'test.echoo'");
    }

    [Fact]
    public async Task Plan_force_of_a_stage_the_pipeline_lacks_is_an_argument_error()
    {
        var p = files.Write("small.yaml", Yaml);

        var result = await Cli("plan", p, "--force", "bb");

        result.ExitCode.ShouldBe(2);
        result.ErrorLines.Last().ShouldBe("numerai-pipeline: error NP2005: --force 'bb': the pipeline has no such stage. Did you mean 'b', 'a' or 'c'?");
    }

    [Fact]
    public async Task An_unknown_trace_exporter_is_an_argument_error()
    {
        var p = files.Write("small.yaml", Yaml);

        var result = await Cli("validate", p, "--trace", "zipkin");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("error NP2005: Argument 'zipkin' not recognized. Must be one of:");
    }

    [Fact]
    public async Task Validate_and_plan_have_json_forms()
    {
        var p = files.Write("small.yaml", Yaml);

        var validate = await Cli("validate", p, "--json");
        var plan = await Cli("plan", p, "--json");

        System.Text.Json.JsonDocument.Parse(validate.Output).RootElement.GetProperty("valid").GetBoolean().ShouldBeTrue();
        var stages = System.Text.Json.JsonDocument.Parse(plan.Output).RootElement.GetProperty("stages");
        stages.GetArrayLength().ShouldBe(3);
        stages[1].GetProperty("needs")[0].GetString().ShouldBe("a");
        stages[1].GetProperty("will_run").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Plugins_documents_options_with_types_defaults_and_descriptions_and_outputs()
    {
        var text = await Cli("plugins");
        var markdown = await Cli("plugins", "--markdown");

        text.Output.ShouldContain("test.echo  (TestPlugins.Basic ");
        text.Output.ShouldContain("    message: string, required - Text to write\n");
        text.Output.ShouldContain("    count: whole number, default 1 - How many times\n");
        text.Output.ShouldContain("    length (value) - Characters written\n");
        markdown.Output.ShouldContain("| `count` | whole number | no | `1` | How many times |");
    }

    [Fact]
    public async Task An_unknown_pipeline_name_is_NP1009_with_suggestions()
    {
        var result = await TestRepo.RunCliAsync("run", "no-such-pipeline-xyz");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldStartWith("numerai-pipeline: error NP1009: no pipeline 'no-such-pipeline-xyz': looked for ");
    }
}
