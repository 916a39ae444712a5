using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.Numerai.Metrics;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Live.Tests;

/// <summary>numerai.diagnostics against the sandbox: upload, polling on the run's (fake) clock, the result.</summary>
public sealed class DiagnosticsStageTests
{
    /// <summary>Validation predictions that carry some of the target: rank of target + noise, for every validation id.</summary>
    private static async Task<string> ValidationPredictionsAsync(LiveSandbox s)
    {
        var validation = await s.DownloadAsync("v5.2/validation.parquet");
        using var reader = NumeraiParquetReader.Open(validation);
        var ids = reader.ReadStringColumn("id");
        var target = reader.ReadNumberColumn("target");
        var random = new Random(3);
        var raw = target.Select(t => (double.IsNaN(t) ? 0.5 : t) + random.NextDouble()).ToArray();
        var order = Enumerable.Range(0, raw.Length).OrderBy(i => raw[i]).ToArray();
        var predictions = new double[raw.Length];
        for (var r = 0; r < order.Length; r++)
        {
            predictions[order[r]] = (r + 0.5) / order.Length;
        }

        var path = s.Workspace.File("validation_predictions.parquet");
        PredictionsFile.Write(path, ids, predictions);
        return path;
    }

    [Fact]
    public async Task It_uploads_waits_on_the_run_clock_and_the_figures_are_numerai_metrics_figures()
    {
        await using var s = await LiveSandbox.StartAsync(history: 0);
        var predictions = await ValidationPredictionsAsync(s);
        await using var context = s.Context("diagnostics");

        var run = new DiagnosticsStage().RunAsync(context, new DiagnosticsOptions { ApiUrl = s.Url, Model = "demo_model", Predictions = new ArtifactRef(predictions), PollInterval = "10s" }, default);
        var result = await s.Time.DriveAsync(run, TimeSpan.FromSeconds(10));

        result.Status.ShouldBe(StageResultStatus.Succeeded, result.Message);
        context.ProgressReports.Count(p => p.Message == "waiting for Numerai's diagnostics").ShouldBe(6, "pending for the sandbox's 1 minute, checked every 10 s");
        var json = JsonNode.Parse(File.ReadAllText(context.TestOutputs.Files["diagnostics"]))!;
        json["status"]!.GetValue<string>().ShouldBe("done");
        json["id"]!.GetValue<string>().ShouldBe(context.TestOutputs.Values["diagnostics_id"]);

        // The same predictions through numerai.metrics: the same CORR, MMC and BMC.
        await using var metrics = s.Context("metrics");
        await new MetricsStage().RunAsync(metrics, new MetricsOptions
        {
            Predictions = new ArtifactRef(predictions),
            Data = new ArtifactRef(await s.DownloadAsync("v5.2/validation.parquet")),
            MetaModel = new ArtifactRef(await s.DownloadAsync("v5.2/meta_model.parquet")),
            Benchmark = new ArtifactRef(await s.DownloadAsync("v5.2/validation_benchmark_models.parquet")),
        }, default);
        double Value(Sdk.StageContext c, string name) => double.Parse(((TestKit.TestStageContext)c).TestOutputs.Values[name], CultureInfo.InvariantCulture);
        Value(context, "corr_mean").ShouldBe(Value(metrics, "corr_mean"), 1e-12);
        Value(context, "corr_sharpe").ShouldBe(Value(metrics, "corr_sharpe"), 1e-9);
        Value(context, "mmc_mean").ShouldBe(Value(metrics, "mmc_mean"), 1e-12);
        Value(context, "bmc_mean").ShouldBe(Value(metrics, "bmc_mean"), 1e-12);
        Value(context, "max_drawdown").ShouldBe(Value(metrics, "max_drawdown"), 1e-12);
        context.TestOutputs.Values["eras"].ShouldBe(metrics.TestOutputs.Values["eras"]);
        json["perEraDiagnostics"]!.AsArray().Count.ShouldBe(int.Parse(metrics.TestOutputs.Values["eras"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_fnc_and_feature_exposure_through_the_client_are_numerai_metrics_figures_on_the_medium_set()
    {
        await using var s = await LiveSandbox.StartAsync(history: 0);
        var predictions = await ValidationPredictionsAsync(s);
        await using var context = s.Context("diagnostics");

        var run = new DiagnosticsStage().RunAsync(context, new DiagnosticsOptions { ApiUrl = s.Url, Model = "demo_model", Predictions = new ArtifactRef(predictions), PollInterval = "30s" }, default);
        var result = await s.Time.DriveAsync(run, TimeSpan.FromSeconds(30));

        result.Status.ShouldBe(StageResultStatus.Succeeded, result.Message);
        var diagnostics = JsonNode.Parse(File.ReadAllText(context.TestOutputs.Files["diagnostics"]))!;

        // The sandbox neutralizes against features.json's medium set (the synthetic data has no fncv3_features).
        await using var metrics = s.Context("metrics");
        (await new MetricsStage().RunAsync(metrics, new MetricsOptions
        {
            Predictions = new ArtifactRef(predictions),
            Data = new ArtifactRef(await s.DownloadAsync("v5.2/validation.parquet")),
            Features = new ArtifactRef(await s.DownloadAsync("v5.2/features.json")),
            FeatureSet = "medium",
        }, default)).Status.ShouldBe(StageResultStatus.Succeeded);
        var expected = JsonNode.Parse(File.ReadAllText(metrics.TestOutputs.Files["metrics"]))!;
        double Of(JsonNode? node) => node!.GetValue<double>();

        var fnc = expected["fnc"]!;
        Of(fnc["mean"]).ShouldNotBe(0.0);
        double.Parse(context.TestOutputs.Values["fnc_mean"], CultureInfo.InvariantCulture).ShouldBe(Of(fnc["mean"]), 1e-12);
        double.Parse(context.TestOutputs.Values["feature_exposure"], CultureInfo.InvariantCulture).ShouldBe(Of(expected["feature_exposure"]!["mean"]), 1e-12);
        foreach (var field in new[] { "validationFeatureNeutralCorrMean", "validationFeatureNeutralCorrV3Mean", "validationFncV4Mean" })
        {
            Of(diagnostics[field]).ShouldBe(Of(fnc["mean"]), 1e-12, field);
        }

        Of(diagnostics["validationFncV4Std"]).ShouldBe(Of(fnc["std"]), 1e-12);
        Of(diagnostics["validationFncV4Sharpe"]).ShouldBe(Of(fnc["sharpe"]), 1e-9);
        Of(diagnostics["validationFncV4MaxDrawdown"]).ShouldBe(Of(fnc["max_drawdown"]), 1e-12);
        Of(diagnostics["validationFeatureCorrMax"]).ShouldBe(Of(expected["feature_exposure"]!["mean"]), 1e-12);
        var eras = diagnostics["perEraDiagnostics"]!.AsArray();
        eras.Count.ShouldBe(fnc["per_era"]!.AsObject().Count);
        foreach (var era in eras)
        {
            var name = era!["era"]!.GetValue<string>();
            Of(era["validationFncV4"]).ShouldBe(Of(fnc["per_era"]![name]), 1e-12, name);
            Of(era["validationFeatureNeutralCorr"]).ShouldBe(Of(fnc["per_era"]![name]), 1e-12, name);
            Of(era["validationFeatureCorrMax"]).ShouldBe(Of(expected["feature_exposure"]!["per_era"]![name]), 1e-12, name);
        }
    }

    [Fact]
    public async Task A_run_numerai_cannot_compute_fails_with_NP6802_and_numerais_message()
    {
        await using var s = await LiveSandbox.StartAsync(history: 0, diagnosticsDelay: TimeSpan.Zero);
        var csv = s.Workspace.File("live.csv");
        PredictionsFile.WriteCsv(csv, ["n000000000000001", "n000000000000002"], [0.2, 0.8]);
        await using var context = s.Context("diagnostics");

        var e = await Should.ThrowAsync<StageException>(() => new DiagnosticsStage().RunAsync(context, new DiagnosticsOptions { ApiUrl = s.Url, Model = "demo_model", Predictions = new ArtifactRef(csv) }, default));

        e.Code.ShouldBe("NP6802");
        e.Message.ShouldStartWith("stage 'diagnostics': Numerai could not compute the diagnostics ");
        e.Message.ShouldEndWith(": none of the uploaded ids is a validation id; upload predictions for validation.parquet. Check that the predictions are for validation.parquet's ids.");
    }

    [Fact]
    public async Task Not_computed_within_max_wait_is_NP6803()
    {
        await using var s = await LiveSandbox.StartAsync(history: 0, diagnosticsDelay: TimeSpan.FromHours(1));
        var predictions = await ValidationPredictionsAsync(s);
        await using var context = s.Context("diagnostics");

        var run = new DiagnosticsStage().RunAsync(context, new DiagnosticsOptions { ApiUrl = s.Url, Model = "demo_model", Predictions = new ArtifactRef(predictions), PollInterval = "1m", MaxWait = "5m" }, default);
        var e = await Should.ThrowAsync<StageException>(() => s.Time.DriveAsync(run, TimeSpan.FromMinutes(1)));

        e.Code.ShouldBe("NP6803");
        e.Message.ShouldEndWith("were not computed within max_wait 00:05:00 (status 'pending'). Raise max_wait, or read them later on numer.ai.");
        context.ProgressReports.Count.ShouldBe(5, "checked at 0, 1, 2, 3 and 4 min; a sixth check would end past max_wait");
    }

    [Fact]
    public async Task An_unreadable_predictions_file_is_NP6804()
    {
        await using var s = await LiveSandbox.StartAsync(history: 0);
        var csv = s.Workspace.File("bad.csv");
        await File.WriteAllTextAsync(csv, "row,value\n1,0.5\n");
        await using var context = s.Context("diagnostics");

        var e = await Should.ThrowAsync<StageException>(() => new DiagnosticsStage().RunAsync(context, new DiagnosticsOptions { ApiUrl = s.Url, Model = "demo_model", Predictions = new ArtifactRef(csv) }, default));

        e.Code.ShouldBe("NP6804");
        e.Message.ShouldStartWith("stage 'diagnostics': option 'predictions': ");
        s.Server.Requests.ShouldBeEmpty("nothing is uploaded");
    }

    [Fact]
    public void Durations_are_checked_before_anything_runs()
    {
        var options = new DiagnosticsOptions { Model = "m", Predictions = new ArtifactRef("p.csv"), PollInterval = "often", MaxWait = "2h" };
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true).ShouldBeFalse();

        results.ShouldHaveSingleItem().ErrorMessage.ShouldBe("option 'poll_interval': 'often' is not a duration. Write it as 90m, 2h, 45s, 1d, a number of seconds or hh:mm:ss.");
        results[0].MemberNames.ShouldBe(["PollInterval"]);
    }
}
