using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Live;

/// <summary>
/// Numerai's diagnostics of validation predictions, as numerapi's upload_diagnostics + diagnostics: writes the
/// predictions as <c>id,prediction</c> CSV, uploads them (diagnosticsUploadAuth, PUT, createDiagnostics), checks the
/// status every <c>poll_interval</c> on the run's clock until Numerai has computed them, and writes Numerai's result.
/// A failed run (NP6802) or one not done within <c>max_wait</c> (NP6803) fails the stage.
/// </summary>
[Stage("numerai.diagnostics", Description = "Upload validation predictions as Numerai diagnostics, wait until computed, write the result JSON")]
[StageOutput("diagnostics", Description = "diagnostics.json: Numerai's diagnostics (validationCorrMean, … perEraDiagnostics) as it sent them.")]
[StageOutput("diagnostics_id", Kind = OutputKind.Value, Description = "The diagnostics id.")]
[StageOutput("corr_mean", Kind = OutputKind.Value, Description = "validationCorrMean.")]
[StageOutput("corr_sharpe", Kind = OutputKind.Value, Description = "validationCorrSharpe.")]
[StageOutput("mmc_mean", Kind = OutputKind.Value, Description = "validationMmcMean.")]
[StageOutput("bmc_mean", Kind = OutputKind.Value, Description = "validationBmcMean.")]
[StageOutput("max_drawdown", Kind = OutputKind.Value, Description = "validationMaxDrawdown.")]
[StageOutput("fnc_mean", Kind = OutputKind.Value, Description = "validationFncV4Mean (else validationFeatureNeutralCorrMean): mean per-era feature-neutral CORR.")]
[StageOutput("feature_exposure", Kind = OutputKind.Value, Description = "validationFeatureCorrMax: the max feature exposure (the sandbox: its mean over eras, as numerai.metrics' feature_exposure).")]
[StageOutput("eras", Kind = OutputKind.Value, Description = "erasAcceptedCount: validation eras scored.")]
[StageVariable(NumeraiClientOptions.ApiUrlVariable, Description = "Numerai's GraphQL endpoint when a stage's api_url is not set (default https://api-tournament.numer.ai)")]
[StageVariable(NumeraiCredentials.PublicIdVariable, IsSecret = true, Description = "Numerai API key, public part (numer.ai -> Account -> API keys, with the upload scope)")]
[StageVariable(NumeraiCredentials.SecretKeyVariable, IsSecret = true, Description = "Numerai API key, secret part")]
public sealed class DiagnosticsStage : IStage<DiagnosticsOptions>
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, DiagnosticsOptions options, CancellationToken cancellationToken)
    {
        var poll = LiveClientFactory.Duration(context, "poll_interval", options.PollInterval);
        var maxWait = LiveClientFactory.Duration(context, "max_wait", options.MaxWait);
        if (poll <= TimeSpan.Zero)
        {
            poll = TimeSpan.FromSeconds(1);
        }

        Predictions predictions;
        try
        {
            predictions = PredictionsFile.Read(options.Predictions!.Path, options.PredictionColumn);
        }
        catch (DataSchemaException e)
        {
            throw LiveErrors.PredictionsUnreadable.ExceptionFrom(e, context.StageId, e.Message);
        }

        var csv = Path.Combine(context.ScratchDirectory, "validation_predictions.csv");
        PredictionsFile.WriteCsv(csv, predictions.Ids, predictions.Values);
        using var client = LiveClientFactory.Create(context, options.ApiUrl, options.PublicId, options.SecretKey);
        using var activity = context.ActivitySource.StartActivity("diagnostics");
        DiagnosticsResult result;
        string id;
        try
        {
            var model = await client.GetModelByNameAsync(options.Model!, cancellationToken);
            id = await client.UploadDiagnosticsAsync(csv, model.Id, cancellationToken);
            activity?.SetTag("numerai.diagnostics.id", id);
            context.Logger.LogInformation("Uploaded {Rows} validation predictions as diagnostics {Id} of model {Model}", predictions.Count, id, model.Name);
            var started = context.Time.GetUtcNow();
            while (true)
            {
                result = await client.GetDiagnosticsAsync(model.Id, id, cancellationToken)
                    ?? throw new NumeraiApiException(NumeraiErrors.UnexpectedResponse, "diagnostics", $"it does not list the diagnostics {id} it accepted");
                if (result.IsDone)
                {
                    break;
                }

                if (result.IsFailed)
                {
                    throw LiveErrors.DiagnosticsFailed.Exception(context.StageId, id, result.Message ?? "no message");
                }

                var waited = context.Time.GetUtcNow() - started;
                if (waited + poll > maxWait)
                {
                    throw LiveErrors.DiagnosticsTimedOut.Exception(context.StageId, id, maxWait, result.Status);
                }

                context.Progress.Report(new StageProgress("waiting for Numerai's diagnostics", waited.TotalSeconds, maxWait.TotalSeconds, "seconds"));
                context.Logger.LogInformation("Diagnostics {Id} are {Status}; checking again in {Interval}", id, result.Status, poll);
                await Task.Delay(poll, context.Time, cancellationToken);
            }
        }
        catch (NumeraiApiException e)
        {
            throw e.ToStageException(context);
        }

        await context.Outputs.WriteFileAsync("diagnostics", "diagnostics.json", (path, ct) => File.WriteAllTextAsync(path, result.Json.ToJsonString(Indented), ct), cancellationToken);
        string Metric(string name) => result.Metric(name)?.ToString("R", CultureInfo.InvariantCulture) ?? "";
        context.Outputs.SetValue("diagnostics_id", id);
        context.Outputs.SetValue("corr_mean", Metric("validationCorrMean"));
        context.Outputs.SetValue("corr_sharpe", Metric("validationCorrSharpe"));
        context.Outputs.SetValue("mmc_mean", Metric("validationMmcMean"));
        context.Outputs.SetValue("bmc_mean", Metric("validationBmcMean"));
        context.Outputs.SetValue("max_drawdown", Metric("validationMaxDrawdown"));
        context.Outputs.SetValue("fnc_mean", result.Metric("validationFncV4Mean") is not null ? Metric("validationFncV4Mean") : Metric("validationFeatureNeutralCorrMean"));
        context.Outputs.SetValue("feature_exposure", Metric("validationFeatureCorrMax"));
        context.Outputs.SetValue("eras", result.Json["erasAcceptedCount"]?.ToString() ?? "");
        context.AddSummary("diagnostics", string.Create(CultureInfo.InvariantCulture,
            $"corr {result.Metric("validationCorrMean"):0.0000} sharpe {result.Metric("validationCorrSharpe"):0.00} mmc {result.Metric("validationMmcMean"):0.0000} over {result.Json["erasAcceptedCount"]} eras"));
        return StageResult.Succeeded();
    }
}
