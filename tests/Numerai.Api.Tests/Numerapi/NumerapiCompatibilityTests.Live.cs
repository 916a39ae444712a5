using System.Text.Json;
using System.Text.Json.Nodes;
using NumeraiPipeline.Numerai.Data;
using static NumeraiPipeline.Numerai.Api.Tests.Numerapi.NumerapiDocuments;

namespace NumeraiPipeline.Numerai.Api.Tests.Numerapi;

/// <summary>numerapi's live calls with the variables exactly as numerapi builds them (unset filters sent as null).</summary>
public sealed partial class NumerapiCompatibilityTests
{
    [Fact]
    public async Task Round_model_performances_passes_the_model_name_where_v2_takes_an_id_and_gets_the_same_rounds()
    {
        // numerapi's deprecated round_model_performances(username) calls round_model_performances_v2(username).
        var byId = (await DataAsync(Url, "round_model_performances_v2", new { modelId = s.ModelId(), tournament = 8 }))["v2RoundModelPerformances"]!.AsArray();
        var byName = (await DataAsync(Url, "round_model_performances_v2", new { modelId = "demo_model", tournament = 8 }))["v2RoundModelPerformances"]!.AsArray();

        byName.Count.ShouldBe(30);
        byName.ToJsonString().ShouldBe(byId.ToJsonString());
    }

    [Fact]
    public async Task Submission_scores_accepts_every_variable_numerapi_sends_with_the_unset_ones_null()
    {
        var all = new Dictionary<string, object?>
        {
            ["modelId"] = s.ModelId(), ["displayName"] = null, ["version"] = null, ["day"] = null, ["resolved"] = null,
            ["tournament"] = 8, ["lastNRounds"] = null, ["distinctOnRound"] = null,
        };
        var resolvedCorr = new Dictionary<string, object?>(all) { ["displayName"] = "canon_corr", ["resolved"] = true, ["lastNRounds"] = 25, ["distinctOnRound"] = true };

        var every = (await DataAsync(Url, "submission_scores", all))["submissionScores"]!.AsArray();
        var filtered = (await DataAsync(Url, "submission_scores", resolvedCorr))["submissionScores"]!.AsArray();

        every.Select(x => x!["displayName"]!.GetValue<string>()).Distinct().Order().ShouldBe(["canon_bmc", "canon_corr", "canon_mmc", "corr_w_meta_model"]);
        filtered.ShouldNotBeEmpty();
        filtered.ShouldAllBe(x => x!["displayName"]!.GetValue<string>() == "canon_corr" && x["resolved"]!.GetValue<bool>() && x["day"]!.GetValue<int>() == 20);
        filtered.Select(x => x!["roundNumber"]!.GetValue<int>()).ShouldAllBe(r => r > 1000 - 25);
        filtered.Select(x => x!["roundNumber"]!.GetValue<int>()).ShouldBeUnique();
    }

    [Fact]
    public async Task Diagnostics_of_validation_predictions_carry_fnc_and_feature_exposure_where_numerapi_reads_them()
    {
        var modelId = s.ModelId();
        var csv = s.Workspace.File("validation_predictions.csv");
        await WriteValidationPredictionsAsync(csv);
        var auth = (await DataAsync(Url, "_upload_auth:diagnosticsUploadAuth", new { filename = "validation_predictions.csv", tournament = 8, modelId }, true))["diagnosticsUploadAuth"]!;
        using (var http = new HttpClient())
        {
            (await http.PutAsync(auth["url"]!.GetValue<string>(), new ByteArrayContent(await File.ReadAllBytesAsync(csv)))).EnsureSuccessStatusCode();
        }

        var id = (await DataAsync(Url, "upload_diagnostics", new { filename = auth["filename"]!.GetValue<string>(), tournament = 8, modelId }, true))["createDiagnostics"]!["id"]!.GetValue<string>();
        s.Time.Advance(TimeSpan.FromMinutes(1));
        var done = (await DataAsync(Url, "diagnostics", new { modelId, id = (string?)null }, true))["diagnostics"]!.AsArray().ShouldHaveSingleItem()!;

        done["status"]!.GetValue<string>().ShouldBe("done", done["message"]?.ToJsonString());
        foreach (var field in new[] { "validationCorrMean", "validationFeatureNeutralCorrMean", "validationFeatureNeutralCorrV3Mean", "validationFncV4Mean", "validationFncV4Std", "validationFncV4Sharpe", "validationFncV4MaxDrawdown", "validationFeatureCorrMax" })
        {
            done[field].ShouldNotBeNull(field);
            done[field]!.GetValueKind().ShouldBe(JsonValueKind.Number, field);
        }

        done["validationFeatureCorrMax"]!.GetValue<double>().ShouldBeInRange(0.0, 1.0);
        done["validationFncV4MaxDrawdown"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(0.0);
        foreach (var era in done["perEraDiagnostics"]!.AsArray())
        {
            foreach (var field in new[] { "validationCorr", "validationFeatureNeutralCorr", "validationFeatureNeutralCorrV3", "validationFncV4", "validationFeatureCorrMax" })
            {
                era![field]!.GetValueKind().ShouldBe(JsonValueKind.Number, field);
            }
        }

        // What the sandbox has no data for stays null, as numerapi gets it for a field Numerai does not fill.
        foreach (var field in new[] { "validationCorrV4Mean", "validationIcV2Mean", "validationRicMean", "validationAlphaMean", "validationCorrMeanRating", "validationFeatureCorrMaxRating", "examplePredsCorrMean", "validationApy" })
        {
            done.AsObject().ContainsKey(field).ShouldBeTrue(field);
            done[field].ShouldBeNull(field);
        }
    }

    /// <summary>id,prediction for every validation id: the rank of the target plus noise.</summary>
    private async Task WriteValidationPredictionsAsync(string csv)
    {
        var parquet = s.Workspace.File("validation.parquet");
        using (var client = s.DemoClient())
        {
            await client.DownloadFileAsync(await client.GetDatasetUrlAsync("v5.2/validation.parquet"), parquet);
        }

        using var reader = NumeraiParquetReader.Open(parquet);
        var ids = reader.ReadStringColumn("id");
        var target = reader.ReadNumberColumn("target");
        var random = new Random(11);
        var raw = target.Select(t => (double.IsNaN(t) ? 0.5 : t) + random.NextDouble()).ToArray();
        var order = Enumerable.Range(0, raw.Length).OrderBy(i => raw[i]).ToArray();
        var predictions = new double[raw.Length];
        for (var r = 0; r < order.Length; r++)
        {
            predictions[order[r]] = (r + 0.5) / order.Length;
        }

        PredictionsFile.WriteCsv(csv, ids, predictions);
    }
}
