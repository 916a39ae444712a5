using System.Text.Json;
using NumeraiPipeline.Plugins.LightGbm;
using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.LightGbm.Tests;

/// <summary>
/// What LightGBM's native library writes (its log lines, its Fatal errors, its error messages) reaches the user only
/// through the stage's logger and errors: structured, filtered by verbosity, without LightGBM's build paths and
/// without secrets in any letter case. The stages are run directly here, past the plan-time checks, so that LightGBM
/// itself meets the bad values.
/// LightGBM prints to the process's one stdout/stderr, which the plugin captures for the stage that started last, so
/// these tests run alone (their collection is not parallelized with the others), as a stage runs alone in its process
/// when its log must be exact.
/// </summary>
[Collection(NativeStdioCollection.Name)]
public sealed class NativeOutputTests : IDisposable
{
    private const string Canary = "CaNaRy-Zq8xW-MiXeD";

    private readonly TempWorkspace ws = new();

    public void Dispose() => ws.Dispose();

    [Fact]
    public async Task LightGBMs_log_lines_are_records_of_the_stage_logger_at_their_level_when_verbosity_asks_for_them()
    {
        var train = await WriteTrainAsync();

        var quiet = await TrainAsync(train, new() { ["n_estimators"] = 3 });
        var chatty = await TrainAsync(train, new() { ["n_estimators"] = 3, ["verbosity"] = 1 });

        quiet.LogLines.ShouldNotContain(l => l.Contains("LightGBM:", StringComparison.Ordinal));
        chatty.LogLines.ShouldContain(l => l.StartsWith("Information: LightGBM: Total Bins ", StringComparison.Ordinal));
        chatty.LogLines.ShouldContain(l => l.StartsWith("Information: LightGBM: Number of data points in the train set: 3000, number of used features: 12", StringComparison.Ordinal));
        chatty.LogLines.ShouldNotContain(l => l.Contains("[LightGBM]", StringComparison.Ordinal) || l.Contains("[Info]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_trainings_each_get_their_own_LightGBM_lines()
    {
        var train = await WriteTrainAsync();

        var runs = await Task.WhenAll(
            Task.Run(() => TrainAsync(train, new() { ["n_estimators"] = 3, ["verbosity"] = 1 }, "one")),
            Task.Run(() => TrainAsync(train, new() { ["n_estimators"] = 3 }, "two")));

        runs[0].LogLines.Count(l => l.StartsWith("Information: LightGBM: Total Bins ", StringComparison.Ordinal)).ShouldBe(1);
        runs[1].LogLines.ShouldNotContain(l => l.Contains("LightGBM:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_LightGBM_check_failure_is_reported_without_its_build_path()
    {
        var train = await WriteTrainAsync();

        var ex = await Should.ThrowAsync<StageException>(() => TrainAsync(train, new() { ["num_leaves"] = 1 }));

        ex.Code.ShouldBe("NP6104");
        ex.ExitCode.ShouldBe(2);
        ex.Message.ShouldBe("params: LightGBM rejected them: Check failed: (num_leaves) > (1). Fix the value in 'params'.");
        ex.InnerException!.Message.ShouldNotContain("/__w/");
        ex.InnerException.Message.ShouldNotContain("config_auto.cpp");
    }

    [Fact]
    public async Task A_fatal_error_LightGBM_prints_to_stderr_is_captured_into_the_log()
    {
        var train = await WriteTrainAsync();
        File.WriteAllText(ws.File("splits.json"), """{ "feature": 999, "threshold": 1.5 }""");
        var context = Context("train");

        var ex = await Should.ThrowAsync<StageException>(() => new TrainStage().RunAsync(context, Options(train, new() { ["forcedsplits_filename"] = ws.File("splits.json") }), CancellationToken.None));

        ex.Code.ShouldBe("NP6105");
        ex.Message.ShouldBe("LightGBM failed (LGBM_BoosterCreate) on train.parquet: Forced splits file includes feature index 999, but maximum feature index in dataset is 11. Check 'params' and the data file.");

        // LightGBM fprintf's every Fatal to stderr; the line is in the stage's log (at Debug: the error says it already).
        context.LogLines.ShouldContain("Debug: LightGBM: Forced splits file includes feature index 999, but maximum feature index in dataset is 11");
    }

    [Fact]
    public async Task A_secret_in_a_parameter_value_is_in_no_message_or_log_line_even_after_LightGBM_lowercased_it()
    {
        var train = await WriteTrainAsync();
        foreach (var (name, value) in new[] { ("objective", Canary), ("boosting", Canary), ("metric", Canary), ("num_leaves", Canary), ("label_column", Canary) })
        {
            var context = Context("train", secret: true);
            var logged = new List<string>();
            try
            {
                await new TrainStage().RunAsync(context, Options(train, new() { [name] = value, ["n_estimators"] = 2, ["verbosity"] = 2 }), CancellationToken.None);
            }
            catch (StageException ex)
            {
                logged.Add(ex.Message);
                logged.Add(ex.InnerException?.ToString() ?? string.Empty);
            }

            logged.AddRange(context.LogLines);
            logged.ShouldNotBeEmpty();
            foreach (var line in logged)
            {
                line.ShouldNotContain(Canary, Case.Insensitive, $"{name}: {line}");
            }
        }
    }

    [Fact]
    public async Task A_secret_with_an_equals_sign_in_params_is_not_echoed()
    {
        var train = await WriteTrainAsync();
        var context = Context("train", secret: true, canary: "Canary=Value-Q1w2");

        var ex = await Should.ThrowAsync<StageException>(() => new TrainStage().RunAsync(context, Options(train, new() { ["objective"] = "Canary=Value-Q1w2" }), CancellationToken.None));

        ex.Code.ShouldBe("NP6104");
        ex.Message.ShouldNotContain("Canary=Value-Q1w2", Case.Insensitive);
        ex.Message.ShouldNotContain("Value-Q1w2", Case.Insensitive);
    }

    [Fact]
    public void Native_text_loses_build_paths_and_secret_values_in_any_case()
    {
        var secrets = new DictionarySecretStore(new Dictionary<string, string> { ["X"] = Canary });
        secrets.Get("X");

        NativeText.Clean("Check failed: (num_leaves) > (1) at /__w/1/s/src/io/config_auto.cpp, line 344 .\n", secrets, [])
            .ShouldBe("Check failed: (num_leaves) > (1)\n");
        NativeText.Clean(@"Check failed: x at D:\a\1\s\src\io\config.cpp, line 12 .", secrets, []).ShouldBe("Check failed: x");
        NativeText.Clean("see /__w/1/s/external_libs/fmt/include/fmt/format.h for more", secrets, []).ShouldBe("see format.h for more");
        NativeText.Clean("Unknown boosting type " + Canary.ToLowerInvariant(), secrets, [Canary]).ShouldBe("Unknown boosting type ***");
        NativeText.Clean("Unknown objective " + ("x" + Canary).ToUpperInvariant(), secrets, ["x" + Canary]).ShouldBe("Unknown objective x***");
        NativeText.Clean("Model file /home/me/models/model.txt is not readable", secrets, []).ShouldBe("Model file /home/me/models/model.txt is not readable");
    }

    private TestStageContext Context(string id, bool secret = false, string canary = Canary)
    {
        var context = new TestStageContext(ws.Path, id, secret ? new Dictionary<string, string> { ["CANARY"] = canary } : null);
        context.Secrets.Get("CANARY");
        return context;
    }

    private async Task<TestStageContext> TrainAsync(string train, Dictionary<string, object> parameters, string id = "train")
    {
        var context = Context(id);
        await new TrainStage().RunAsync(context, Options(train, parameters), CancellationToken.None);
        return context;
    }

    private static TrainOptions Options(string train, Dictionary<string, object> parameters) => new()
    {
        Data = new ArtifactRef(train),
        Params = parameters.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value)),
        NumThreads = 1,
    };

    private async Task<string> WriteTrainAsync()
    {
        var path = ws.File("train.parquet");
        if (!File.Exists(path))
        {
            await NumeraiParquetFixture.WriteAsync(path, new SyntheticData(3000, 12, seed: 3), eras: 10);
        }

        return path;
    }
}

/// <summary>Tests that read what LightGBM prints: run after the parallel tests, alone, so no other training prints meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeStdioCollection
{
    public const string Name = "LightGBM's standard streams";
}
