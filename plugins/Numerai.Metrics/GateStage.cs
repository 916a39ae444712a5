using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Plugins.Numerai.Metrics.Document;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics;

/// <summary>
/// A quality gate on metrics.json: declines (NP6220) when any set threshold fails, so the stages that depend on it
/// (the submission) are skipped with the reason, while <c>when: always</c> notifiers still run.
/// </summary>
[Stage("numerai.gate", Description = "Quality gate: declines when metrics miss their thresholds, which skips the submission.")]
[StageOutput("passed", Kind = OutputKind.Value, Description = "true when every threshold held, else false.")]
[StageOutput("reasons", Kind = OutputKind.Value, Description = "The failed checks, '; '-separated (empty when passed).")]
[StageOutput("checks", Kind = OutputKind.Value, Description = "Number of thresholds checked.")]
public sealed partial class GateStage : IStage<GateOptions>
{
    /// <inheritdoc />
    public Task<StageResult> RunAsync(StageContext context, GateOptions options, CancellationToken cancellationToken)
    {
        MetricsDocument doc;
        try
        {
            doc = MetricsDocument.Load(options.Metrics!.Path);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw MetricsErrors.MetricsUnreadable.ExceptionFrom(ex, options.Metrics!.Path, $"cannot be read ({ex.Message})");
        }

        var checks = Checks(options, doc).ToList();
        checks.AddRange(LiveChecks(context, options));
        var failed = checks.Where(c => !c.Passed).ToList();
        var reasons = string.Join("; ", failed.Select(c => c.Describe()));
        context.Outputs.SetValue("passed", failed.Count == 0 ? "true" : "false");
        context.Outputs.SetValue("reasons", reasons);
        context.Outputs.SetValue("checks", checks.Count.ToString(CultureInfo.InvariantCulture));
        context.AddSummary("gate", failed.Count == 0 ? $"passed {checks.Count} checks" : $"failed {failed.Count} of {checks.Count} checks");
        foreach (var c in checks)
        {
            context.Logger.LogInformation("Gate check {Check}: {Outcome}", c.Name, c.Passed ? "passed" : c.Describe());
        }

        // Live thresholds skipped for a new model are not "no thresholds": LiveChecks said why they were skipped.
        if (checks.Count == 0 && !options.HasLiveChecks)
        {
            context.Logger.LogWarning("The quality gate has no thresholds set; it passes everything");
        }

        return Task.FromResult(failed.Count == 0
            ? StageResult.Succeeded()
            : MetricsErrors.GateDeclined.Decline(failed.Count, checks.Count, reasons));
    }

    private static IEnumerable<GateCheck> Checks(GateOptions o, MetricsDocument doc)
    {
        if (o.MinEras is { } minEras)
        {
            yield return new GateCheck("scored eras", doc.Corr?.Eras, minEras, AtLeast: true);
        }

        if (o.MinCorrMean is { } minCorr)
        {
            yield return new GateCheck("corr mean", doc.Corr?.Mean, minCorr, AtLeast: true);
        }

        if (o.MinSharpe is { } minSharpe)
        {
            yield return new GateCheck("corr sharpe", doc.Corr?.Sharpe, minSharpe, AtLeast: true);
        }

        if (o.MaxDrawdown is { } maxDrawdown)
        {
            yield return new GateCheck("corr max drawdown", doc.Corr?.MaxDrawdown, maxDrawdown, AtLeast: false);
        }

        if (o.MaxFeatureExposure is { } maxExposure)
        {
            yield return new GateCheck("max feature exposure", doc.FeatureExposure?.Mean, maxExposure, AtLeast: false);
        }

        if (o.MinMmcMean is { } minMmc)
        {
            yield return new GateCheck("mmc mean", doc.Mmc?.Mean, minMmc, AtLeast: true);
        }

        if (o.MinBmcMean is { } minBmc)
        {
            yield return new GateCheck("bmc mean", doc.Bmc?.Mean, minBmc, AtLeast: true);
        }

        if (o.MinFncMean is { } minFnc)
        {
            yield return new GateCheck("fnc mean", doc.Fnc?.Mean, minFnc, AtLeast: true);
        }
    }
}
