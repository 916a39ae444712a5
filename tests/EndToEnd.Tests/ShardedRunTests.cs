using System.Text.Json;
using NumeraiPipeline.GcsStandIn;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>
/// A 6-instance LightGBM matrix (num_threads 1, synthetic data downloaded from the sandbox) run as three tasks, real
/// processes started at once on one store (a folder, then the GCS stand-in), as a Cloud Run job's tasks: the download
/// runs once, one task is killed while it holds an instance and is rerun, resuming from the store; the gather trains
/// nothing and its ensemble is byte-identical to a single-process run's; no instance is trained twice.
/// </summary>
public sealed class ShardedRunTests : IAsyncLifetime
{
    private DailyRuns runs = null!;
    private FakeGcsServer gcs = null!;

    public async Task InitializeAsync()
    {
        runs = await DailyRuns.StartAsync("shard");
        gcs = await FakeGcsServer.StartAsync("np-shard");
    }

    public async Task DisposeAsync()
    {
        await gcs.DisposeAsync();
        await runs.DisposeAsync();
    }

    private static string Pipeline(string signals) => $$"""
        name: shard-zoo
        stages:
          download:
            uses: numerai.download
            with: { api_url: "${env.NUMERAI_API_URL}", version: latest, files: [train.parquet, validation.parquet, features.json] }
          train:
            uses: lightgbm.train
            matrix: { seed: [1, 2, 3, 4, 5, 6] }
            with:
              data: "${stages.download.outputs.train}"
              features: "${stages.download.outputs.features}"
              feature_set: medium
              era_stride: 2
              num_threads: 1
              seed: "${matrix.seed}"
              params: { n_estimators: 20, colsample_bytree: 0.5 }
          hold:
            # A barrier after each training: the test kills a task while it waits here (a file signal, not a sleep).
            uses: test.echo
            matrix: { seed: [1, 2, 3, 4, 5, 6] }
            needs: [train]
            with: { message: "trained ${matrix.seed}", marker: "{{signals}}/reached-${matrix.seed}", await_files: ["{{signals}}/go-${matrix.seed}"], await_timeout_ms: 600000 }
          predict:
            uses: lightgbm.predict
            matrix: { seed: [1, 2, 3, 4, 5, 6] }
            needs: [hold]
            with: { model: "${stages.train.outputs.model}", data: "${stages.download.outputs.validation}", num_threads: 1 }
          ensemble:
            uses: ensemble
            with: { predictions: "${stages.predict.outputs.predictions}", data: "${stages.download.outputs.validation}" }
        """;

    private Task<CliProcessResult> Run(string pipeline, string workspace, string? store, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken, params string[] extra)
    {
        var root = DemoPipelineTests.Root();
        List<string> args =
        [
            "run", pipeline, "--json", "--max-parallel", "1",
            "--plugins", Path.Combine(root, "artifacts", "plugins"), "--plugins", Path.Combine(root, "artifacts", "test-plugins"),
            "--workspace", runs.Temp.File(workspace), "--shard-poll", "00:00:00.200", .. extra,
        ];
        if (store is not null)
        {
            args.AddRange(["--store", store]);
        }

        var env = new Dictionary<string, string?>(environment)
        {
            ["NUMERAI_API_URL"] = runs.Sandbox.Url.ToString(),
            ["NUMERAI_PUBLIC_ID"] = DailyRuns.Keys.PublicId,
            ["NUMERAI_SECRET_KEY"] = DailyRuns.Keys.SecretKey,
        };
        return NumeraiPipeline.TestKit.CliProcess.RunAsync(args, env, runs.Temp.Path, cancellationToken);
    }

    private static JsonElement Json(CliProcessResult r) => JsonDocument.Parse(r.Output).RootElement;

    private static IEnumerable<(string Id, string Outcome)> Outcomes(CliProcessResult r) =>
        Json(r).GetProperty("stages").EnumerateArray().Select(s => (s.GetProperty("id").GetString()!, s.GetProperty("outcome").GetString()!));

    [Theory]
    [InlineData("folder")]
    [InlineData("gcs")]
    public async Task Three_tasks_at_once_with_one_killed_and_rerun_train_every_instance_once_and_the_gather_matches_one_process(string kind)
    {
        var signals = runs.Temp.File("signals-" + kind);
        Directory.CreateDirectory(signals);
        var pipeline = runs.Temp.File($"shard-zoo-{kind}.yaml");
        File.WriteAllText(pipeline, Pipeline(signals));
        var store = kind == "gcs" ? "gs://np-shard/zoo" : runs.Temp.File("bucket-" + kind);
        var env = new Dictionary<string, string?> { ["NUMERAI_PIPELINE_SHARD_EXECUTION"] = "exec-" + kind };
        if (kind == "gcs")
        {
            env["STORAGE_EMULATOR_HOST"] = gcs.Endpoint;
        }

        // Seed 6 (task 3's) waits at its barrier until the test says go; the others pass straight through.
        foreach (var seed in Enumerable.Range(1, 5))
        {
            File.WriteAllText(Path.Combine(signals, $"go-{seed}"), "go");
        }

        using var kill = new CancellationTokenSource();
        var task1 = Run(pipeline, $"{kind}-task1", store, env, CancellationToken.None, "--shard", "1/3");
        var task2 = Run(pipeline, $"{kind}-task2", store, env, CancellationToken.None, "--shard", "2/3");
        var task3 = Run(pipeline, $"{kind}-task3", store, env, kill.Token, "--shard", "3/3");
        await FileSignals.WaitForFileAsync(Path.Combine(signals, "reached-6"), timeout: TimeSpan.FromMinutes(4));
        // Killed as Cloud Run kills a task (the process tree, no chance to clean up), holding the lease of hold[seed=6].
        kill.Cancel();
        await Should.ThrowAsync<OperationCanceledException>(task3);
        var first = await Task.WhenAll(task1, task2);
        File.WriteAllText(Path.Combine(signals, "go-6"), "go");
        // The retry: a fresh container (workspace), the same execution and task index.
        var retry = await Run(pipeline, $"{kind}-task3-retry", store, env, CancellationToken.None, "--shard", "3/3");
        var gather = await Run(pipeline, $"{kind}-gather", store, env, CancellationToken.None);
        var single = await Run(pipeline, $"{kind}-single", null, new Dictionary<string, string?>(), CancellationToken.None);

        CliProcessResult[] finished = [.. first, retry, gather, single];
        finished.ShouldAllBe(r => r.ExitCode == 0, string.Join("\n----\n", finished.Select(r => r.Error)));
        var tasks = new[] { first[0], first[1], retry };
        tasks.Select(t => Json(t).GetProperty("shard").GetProperty("index").GetInt32()).ShouldBe([1, 2, 3]);
        tasks.SelectMany(Outcomes).Count(o => o == ("download", "succeeded")).ShouldBeLessThanOrEqualTo(1);
        // The retry resumed: what the killed attempt trained and stored is not trained again.
        Outcomes(retry).ShouldContain(("train[seed=6]", "up-to-date"));
        Outcomes(retry).ShouldContain(("hold[seed=6]", "succeeded"));
        Outcomes(retry).ShouldContain(("predict[seed=6]", "succeeded"));
        // It took over the lease its killed attempt held (same task, same execution) instead of waiting for it to lapse.
        retry.Error.ShouldNotContain("Stage 'hold[seed=6]' is being run by");

        // Each instance trained exactly once: reported as succeeded by one task's --json, or, for what the killed
        // attempt trained (it printed no --json), stamped in the store by a run none of the reports is from.
        var reported = finished.Select(r => Json(r).GetProperty("run_id").GetString()).ToHashSet();
        foreach (var seed in Enumerable.Range(1, 6))
        {
            var id = $"train[seed={seed}]";
            var bySucceeded = tasks.SelectMany(Outcomes).Count(o => o == (id, "succeeded"));
            var stampRun = await StampRunIdAsync(kind, store, id);
            var byKilled = reported.Contains(stampRun) ? 0 : 1;
            (bySucceeded + byKilled).ShouldBe(1, $"{id}: {bySucceeded} task report(s), stamped by run {stampRun}");
        }

        Outcomes(gather).Where(o => o.Id != "ensemble").ShouldAllBe(o => o.Outcome == "up-to-date");
        Outcomes(gather).ShouldContain(("ensemble", "succeeded"));
        var ensemble = Path.Combine("artifacts", "shard-zoo", "ensemble", "predictions.parquet");
        File.ReadAllBytes(Path.Combine(runs.Temp.File($"{kind}-gather"), ensemble)).ShouldBe(File.ReadAllBytes(Path.Combine(runs.Temp.File($"{kind}-single"), ensemble)));
    }

    private async Task<string?> StampRunIdAsync(string kind, string store, string stage)
    {
        // Read back the way a task does: a fresh workspace pulling from the store.
        var reader = runs.Temp.File($"{kind}-reader-{Guid.NewGuid():N}");
        var key = $"stamps/shard-zoo/{stage}.json";
        if (kind == "folder")
        {
            return JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(store, key))).RootElement.GetProperty("run_id").GetString();
        }

        var remote = NumeraiPipeline.Storage.RemoteStores.Create(store, new NumeraiPipeline.Storage.RemoteStoreOptions { Environment = n => n == "STORAGE_EMULATOR_HOST" ? gcs.Endpoint : null });
        await remote.DownloadAsync(key, Path.Combine(reader, "stamp.json"), CancellationToken.None);
        return JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reader, "stamp.json"))).RootElement.GetProperty("run_id").GetString();
    }
}
