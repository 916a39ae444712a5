using System.Text.Json;

namespace NumeraiPipeline.Orchestrator.Tests.Execution;

/// <summary>Runs real pipelines of the compiled test plugins through the CLI entry point.</summary>
public sealed class PipelineExecutorTests : IDisposable
{
    private readonly PipelineFiles files = new();

    public void Dispose() => files.Dispose();

    private const string Chain = """
        name: chain
        stages:
          first:
            uses: test.echo
            with: { message: hello, count: 2 }
          second:
            uses: test.copy
            with: { source: "${stages.first.outputs.text}", upper: true }
          third:
            uses: test.echo
            with: { message: "len=${stages.first.outputs.length}", input: "${stages.second.outputs.copy}" }
        """;

    private static JsonElement Json(CliResult r) => JsonDocument.Parse(r.Output).RootElement;

    private static Dictionary<string, string> Outcomes(CliResult r) =>
        Json(r).GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("outcome").GetString()!);

    [Fact]
    public async Task Outputs_flow_through_references_and_a_second_run_runs_nothing_and_says_why()
    {
        var p = files.Write("chain.yaml", Chain);

        var first = await files.RunAsync(p, "--json");
        first.ExitCode.ShouldBe(0, first.Error);
        Outcomes(first).Values.ShouldAllBe(o => o == "succeeded");
        File.ReadAllText(files.Artifact("chain", "third", "text.txt")).ShouldBe("len=12\nHELLO\nHELLO\n");

        var second = await files.RunAsync(p, "--json");
        second.ExitCode.ShouldBe(0);
        Outcomes(second).Values.ShouldAllBe(o => o == "up-to-date");
        second.Error.ShouldContain("Stage 'third' is up to date: same fingerprint");
    }

    [Fact]
    public async Task Options_that_need_no_stage_output_are_bound_once_per_run_and_the_others_once_more_with_the_outputs()
    {
        var key = "k" + Guid.NewGuid().ToString("N");
        var p = files.Write("binds.yaml", $$"""
            name: binds
            stages:
              first:
                uses: test.bind-count
                cache: never
                with: { key: "{{key}}-a" }
              second:
                uses: test.bind-count
                cache: never
                with: { key: "{{key}}-b", from: "${stages.first.outputs.bindings}" }
            """);

        var run = await files.RunAsync(p, "--json");

        run.ExitCode.ShouldBe(0, run.Error);
        var stages = Json(run).GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        // Planned (validated and bound) once, run with that instance.
        stages["first"].GetProperty("outputs").GetProperty("bindings").GetString().ShouldBe("1");
        // Checked at plan time without the output it waits for, then bound once with it.
        stages["second"].GetProperty("outputs").GetProperty("bindings").GetString().ShouldBe("2");
    }

    [Fact]
    public async Task A_list_variable_in_quotes_is_the_list_and_a_number_in_quotes_is_text()
    {
        var p = files.Write("vars.yaml", """
            name: vars
            vars:
              tags: [alpha, beta]
              count: 2
            stages:
              first:
                uses: test.echo
                with:
                  message: "${vars.count}"
                  tags: "${vars.tags}"
                  count: ${vars.count}
            """);

        var run = await files.RunAsync(p, "--json");

        run.ExitCode.ShouldBe(0, run.Error);
        File.ReadAllText(files.Artifact("vars", "first", "text.txt")).ShouldBe("2\n2\n");
    }

    [Fact]
    public async Task Changing_an_option_reruns_that_stage_and_dependants_with_the_reason()
    {
        var p = files.Write("chain.yaml", Chain);
        (await files.RunAsync(p)).ExitCode.ShouldBe(0);

        var rerun = await files.RunAsync(p, "--json", "--set", "stages.second.with.upper=false");

        var stages = Json(rerun).GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        stages["first"].GetProperty("outcome").GetString().ShouldBe("up-to-date");
        stages["second"].GetProperty("outcome").GetString().ShouldBe("succeeded");
        stages["second"].GetProperty("reasons")[0].GetProperty("kind").GetString().ShouldBe("options_changed");
        stages["second"].GetProperty("reasons")[0].GetProperty("detail").GetString().ShouldBe("options changed: upper");
        stages["third"].GetProperty("outcome").GetString().ShouldBe("succeeded");
        stages["third"].GetProperty("reasons")[0].GetProperty("kind").GetString().ShouldBe("input_changed");
        stages["third"].GetProperty("reasons")[0].GetProperty("detail").GetString()!.ShouldStartWith("input 'input' changed: ");
    }

    [Fact]
    public async Task A_byte_identical_upstream_output_leaves_downstream_up_to_date()
    {
        // 'second' keeps only the first line: changing the count reruns 'first' and 'second', but 'second' writes the same bytes.
        var p = files.Write("cutoff.yaml", """
            name: cutoff
            stages:
              first:
                uses: test.echo
                with: { message: same, count: 1 }
              second:
                uses: test.copy
                with: { source: "${stages.first.outputs.text}", first_line: true }
              third:
                uses: test.copy
                with: { source: "${stages.second.outputs.copy}" }
            """);
        (await files.RunAsync(p)).ExitCode.ShouldBe(0);

        var rerun = await files.RunAsync(p, "--json", "--set", "stages.first.with.count=3");

        var outcomes = Outcomes(rerun);
        outcomes["first"].ShouldBe("succeeded");
        outcomes["second"].ShouldBe("succeeded");
        outcomes["third"].ShouldBe("up-to-date");
    }

    [Fact]
    public async Task Force_reruns_everything_and_force_stage_reruns_only_that_stage()
    {
        var p = files.Write("chain.yaml", Chain);
        (await files.RunAsync(p)).ExitCode.ShouldBe(0);

        Outcomes(await files.RunAsync(p, "--json", "--force")).Values.ShouldAllBe(o => o == "succeeded");
        var one = Outcomes(await files.RunAsync(p, "--json", "--force", "second"));
        one["first"].ShouldBe("up-to-date");
        one["second"].ShouldBe("succeeded");
        one["third"].ShouldBe("up-to-date"); // byte-identical output: early cutoff

        var bad = await files.RunAsync(p, "--force", "secnd");
        bad.ExitCode.ShouldBe(2);
        bad.Error.ShouldContain("error NP2005: --force 'secnd': the pipeline has no such stage. Did you mean 'second'?");
    }

    [Fact]
    public async Task A_deleted_or_edited_output_makes_its_stage_run_again()
    {
        var p = files.Write("chain.yaml", Chain);
        (await files.RunAsync(p)).ExitCode.ShouldBe(0);
        File.Delete(files.Artifact("chain", "second", "copy.txt"));

        var rerun = Json(await files.RunAsync(p, "--json")).GetProperty("stages").EnumerateArray().First(s => s.GetProperty("id").GetString() == "second");
        rerun.GetProperty("outcome").GetString().ShouldBe("succeeded");
        rerun.GetProperty("reasons")[0].GetProperty("kind").GetString().ShouldBe("output_missing");
        rerun.GetProperty("reasons")[0].GetProperty("detail").GetString().ShouldBe("output 'copy' is missing");

        File.WriteAllText(files.Artifact("chain", "first", "text.txt"), "tampered\n");
        var again = Outcomes(await files.RunAsync(p, "--json"));
        again["first"].ShouldBe("succeeded");
    }

    [Fact]
    public async Task A_failure_skips_dependants_with_the_cause_but_always_stages_run_and_exit_code_is_1()
    {
        var p = files.Write("fail.yaml", """
            name: fail
            stages:
              ok:
                uses: test.echo
                with: { message: fine }
              broken:
                uses: test.fail
                needs: [ok]
                with: { message: "the model exploded" }
              after:
                uses: test.echo
                needs: [broken]
                with: { message: never }
              notify:
                uses: test.echo
                needs: [after]
                when: always
                with: { message: notified }
              on-failure:
                uses: test.echo
                needs: [after]
                when: failure
                with: { message: failure handler }
              independent:
                uses: test.echo
                with: { message: unaffected }
            """);

        var result = await files.RunAsync(p, "--json");

        result.ExitCode.ShouldBe(1);
        var stages = Json(result).GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        stages["broken"].GetProperty("outcome").GetString().ShouldBe("failed");
        stages["broken"].GetProperty("code").GetString().ShouldBe("TST0001");
        stages["broken"].GetProperty("message").GetString().ShouldBe("the model exploded");
        stages["after"].GetProperty("outcome").GetString().ShouldBe("skipped");
        stages["after"].GetProperty("code").GetString().ShouldBe("NP5002");
        stages["after"].GetProperty("message").GetString().ShouldBe("skipped because 'broken' failed");
        stages["notify"].GetProperty("outcome").GetString().ShouldBe("succeeded");
        stages["on-failure"].GetProperty("outcome").GetString().ShouldBe("succeeded");
        stages["independent"].GetProperty("outcome").GetString().ShouldBe("succeeded");
        result.Error.ShouldContain("stage 'broken': error TST0001: the model exploded");

        var human = await files.RunAsync(p);
        human.Output.ShouldContain("the run resumes at 'broken'");
    }

    [Fact]
    public async Task A_failed_result_without_a_code_is_NP5001_with_the_stage_s_message()
    {
        var p = files.Write("uncoded.yaml", """
            name: uncoded
            stages:
              quiet:
                uses: test.fail
                with: { mode: uncoded, message: "the model did not converge after 300 rounds" }
            """);

        var result = await files.RunAsync(p, "--json");

        result.ExitCode.ShouldBe(1);
        var quiet = Json(result).GetProperty("stages").EnumerateArray().Single();
        quiet.GetProperty("outcome").GetString().ShouldBe("failed");
        quiet.GetProperty("code").GetString().ShouldBe("NP5001");
        quiet.GetProperty("message").GetString().ShouldBe("the model did not converge after 300 rounds");
        result.Error.ShouldContain("stage 'quiet': error NP5001: the model did not converge after 300 rounds");
    }

    [Fact]
    public async Task An_input_file_that_does_not_exist_fails_the_stage_with_NP5005_before_it_runs()
    {
        var p = files.Write("input.yaml", """
            name: input
            stages:
              copy:
                uses: test.copy
                with: { source: absent.txt }
            """);

        var result = await files.RunAsync(p, "--json");

        result.ExitCode.ShouldBe(1);
        var copy = Json(result).GetProperty("stages").EnumerateArray().Single();
        copy.GetProperty("outcome").GetString().ShouldBe("failed");
        copy.GetProperty("code").GetString().ShouldBe("NP5005");
        copy.GetProperty("message").GetString().ShouldBe("input file 'absent.txt' (option 'source') does not exist.");
        result.Error.ShouldContain("stage 'copy': error NP5005: input file 'absent.txt' (option 'source') does not exist.");
        File.Exists(files.Artifact("input", "copy", "copy.txt")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_run_cancelled_while_a_stage_runs_records_NP5004_for_it_and_its_dependants_and_exits_130()
    {
        var marker = Path.Combine(files.Root, "started.txt");
        var markerInYaml = marker.Replace('\\', '/');
        var p = files.Write("cancel.yaml", $$"""
            name: cancel
            stages:
              slow: { uses: test.echo, with: { message: slow, delay_ms: 600000, marker: "{{markerInYaml}}" } }
              after: { uses: test.echo, needs: [slow], with: { message: after } }
            """);
        using var cts = new CancellationTokenSource();

        var run = TestRepo.RunCliAsync(cts.Token, "run", p, "--json", "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace);
        await NumeraiPipeline.TestKit.FileSignals.WaitForFileAsync(marker);
        await cts.CancelAsync();
        var result = await run;

        result.ExitCode.ShouldBe(130, result.Error);
        var stages = Json(result).GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        stages["slow"].GetProperty("outcome").GetString().ShouldBe("cancelled");
        stages["slow"].GetProperty("code").GetString().ShouldBe("NP5004");
        stages["slow"].GetProperty("message").GetString().ShouldBe("the run was cancelled.");
        stages["after"].GetProperty("outcome").GetString().ShouldBe("cancelled");
        stages["after"].GetProperty("code").GetString().ShouldBe("NP5004");
        stages["after"].GetProperty("message").GetString().ShouldBe("the run was cancelled.");
    }

    [Fact]
    public async Task A_declined_stage_is_not_a_failure_and_skips_dependants_with_its_reason()
    {
        var p = files.Write("decline.yaml", """
            name: decline
            stages:
              gate:
                uses: test.fail
                with: { mode: declined, message: "corr mean 0.001 < 0.005" }
              submit:
                uses: test.echo
                needs: [gate]
                with: { message: submitted }
              notify:
                uses: test.echo
                needs: [submit]
                when: always
                with: { message: notified }
            """);

        var result = await files.RunAsync(p, "--json");

        result.ExitCode.ShouldBe(0);
        var stages = Json(result).GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        stages["gate"].GetProperty("outcome").GetString().ShouldBe("declined");
        stages["submit"].GetProperty("message").GetString().ShouldBe("skipped because 'gate' declined: corr mean 0.001 < 0.005");
        stages["notify"].GetProperty("outcome").GetString().ShouldBe("succeeded");
    }

    [Fact]
    public async Task An_unexpected_exception_fails_the_stage_with_NP5006_and_no_stack_trace()
    {
        var p = files.Write("boom.yaml", """
            stages:
              boom:
                uses: test.fail
                with: { mode: unexpected, message: "index out of range" }
            """);

        var result = await files.RunAsync(p);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("stage 'boom': error NP5006: stage 'boom' threw InvalidOperationException: index out of range. Run with --verbose for the stack trace.");
        result.Error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task When_conditions_on_upstream_outputs_decide_whether_a_stage_runs()
    {
        var p = files.Write("when.yaml", """
            name: when
            stages:
              first:
                uses: test.echo
                with: { message: abc }
              long:
                uses: test.echo
                when: "${stages.first.outputs.length} == 4"
                with: { message: "four chars" }
              short:
                uses: test.echo
                when: "${stages.first.outputs.length} != 4"
                with: { message: "not four" }
            """);

        var outcomes = Outcomes(await files.RunAsync(p, "--json"));

        outcomes["long"].ShouldBe("succeeded");
        outcomes["short"].ShouldBe("skipped");
    }

    [Fact]
    public async Task Independent_stages_run_in_parallel_up_to_max_parallel()
    {
        // Each stage marks its start and waits until all three have started: only a parallel run can finish.
        var m = Path.Combine(files.Root, "m").Replace("\\", "/");
        var p = files.Write("parallel.yaml", $$"""
            name: parallel
            stages:
              a: { uses: test.echo, with: { message: a, marker: "{{m}}-a", await_files: ["{{m}}-a", "{{m}}-b", "{{m}}-c"], await_timeout_ms: 1500 } }
              b: { uses: test.echo, with: { message: b, marker: "{{m}}-b", await_files: ["{{m}}-a", "{{m}}-b", "{{m}}-c"], await_timeout_ms: 1500 } }
              c: { uses: test.echo, with: { message: c, marker: "{{m}}-c", await_files: ["{{m}}-a", "{{m}}-b", "{{m}}-c"], await_timeout_ms: 1500 } }
            """);

        var serial = await files.RunAsync(p, "--json", "--max-parallel", "1");
        foreach (var f in new[] { "a", "b", "c" })
        {
            File.Delete($"{m}-{f}");
        }

        var parallel = await files.RunAsync(p, "--json", "--max-parallel", "3", "--force");

        serial.ExitCode.ShouldBe(1);
        Outcomes(serial).Values.Count(o => o == "failed").ShouldBeGreaterThanOrEqualTo(2);
        parallel.ExitCode.ShouldBe(0, parallel.Output);
        Outcomes(parallel).Values.ShouldAllBe(o => o == "succeeded");
    }

    [Fact]
    public async Task Cancelling_a_run_exits_130_and_leaves_no_stamp_for_the_interrupted_stage()
    {
        // cancelled once the stage has started (its marker file), not after a guessed time
        var marker = Path.Combine(files.Root, "started").Replace('\\', '/');
        var p = files.Write("slow.yaml", $$"""
            name: slow
            stages:
              slow: { uses: test.echo, with: { message: slow, delay_ms: 600000, marker: "{{marker}}" } }
            """);
        using var cts = new CancellationTokenSource();

        var running = TestRepo.RunCliAsync(cts.Token, "run", p, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace);
        await NumeraiPipeline.TestKit.FileSignals.WaitForFileAsync(marker);
        await cts.CancelAsync();
        var result = await running;

        result.ExitCode.ShouldBe(130);
        File.Exists(Path.Combine(files.Workspace, "stamps", "slow", "slow.json")).ShouldBeFalse();
        File.Exists(files.Artifact("slow", "slow", "text.txt")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_second_concurrent_run_in_the_same_workspace_fails_with_NP4001_naming_the_holder_pid()
    {
        // the first run holds the workspace until the test releases it (a file), so no timing decides the outcome
        var release = Path.Combine(files.Root, "release").Replace('\\', '/');
        var slow = files.Write("slow.yaml", $$"""
            name: slow
            stages:
              slow: { uses: test.echo, with: { message: slow, await_files: ["{{release}}"], await_timeout_ms: 600000 } }
            """);
        var quick = files.Write("quick.yaml", """
            stages:
              quick: { uses: test.echo, with: { message: quick } }
            """);
        var first = files.RunAsync(slow);
        await NumeraiPipeline.TestKit.FileSignals.WaitForFileAsync(Path.Combine(files.Workspace, "run.lock.info"));

        var second = await files.RunAsync(quick);
        File.WriteAllText(release, "go");

        second.ExitCode.ShouldBe(3);
        second.Error.ShouldContain($"error NP4001: the workspace '");
        second.Error.ShouldContain($"' is in use by another run (pid {Environment.ProcessId}, started ");
        (await first).ExitCode.ShouldBe(0);
        (await files.RunAsync(quick)).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Input_files_are_rehashed_only_when_their_size_or_time_changes()
    {
        var data = Path.Combine(files.Root, "data.txt");
        File.WriteAllText(data, "line one\nline two\n");
        var p = files.Write("input.yaml", $$"""
            name: input
            stages:
              copy: { uses: test.copy, with: { source: "{{data.Replace("\\", "/")}}" } }
            """);
        (await files.RunAsync(p)).ExitCode.ShouldBe(0);
        var cache = new NumeraiPipeline.Orchestrator.Incremental.FileHashCache(Path.Combine(files.Workspace, "cache", "file-hashes.json"));

        cache.Hash(data);
        cache.HashesComputed.ShouldBe(0);

        File.WriteAllText(data, "line one\nline 2!!\n");
        File.SetLastWriteTimeUtc(data, DateTime.UtcNow.AddMinutes(1));
        cache.Hash(data);
        cache.HashesComputed.ShouldBe(1);
        Outcomes(await files.RunAsync(p, "--json"))["copy"].ShouldBe("succeeded");
    }
}
