using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Api.Live;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics;

public sealed partial class GateStage
{
    /// <summary>
    /// The live checks on performance.json: the means of the last <c>live_rounds</c> resolved rounds against their
    /// minimums. A model with fewer than <c>min_live_rounds</c> resolved rounds is new: its live checks are skipped
    /// (logged and in the stage summary), so it can start submitting.
    /// </summary>
    private static IEnumerable<GateCheck> LiveChecks(StageContext context, GateOptions o)
    {
        if (!o.HasLiveChecks || o.Performance is null)
        {
            return [];
        }

        LivePerformance performance;
        try
        {
            performance = LivePerformance.Load(o.Performance.Path);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw MetricsErrors.PerformanceUnreadable.ExceptionFrom(ex, o.Performance.Path, ex.Message);
        }

        var summary = LivePerformance.Summarise(performance.Rounds, o.LiveRounds);
        if (summary.Rounds < o.MinLiveRounds)
        {
            context.Logger.LogInformation(
                "Live checks skipped: model {Model} has {Rounds} resolved rounds, fewer than min_live_rounds {Min}", performance.Model, summary.Rounds, o.MinLiveRounds);
            context.AddSummary("live checks", string.Create(CultureInfo.InvariantCulture, $"skipped: {summary.Rounds} resolved rounds < min_live_rounds {o.MinLiveRounds}"));
            return [];
        }

        var window = string.Create(CultureInfo.InvariantCulture, $"(last {summary.Rounds} resolved rounds, {summary.FirstRound}-{summary.LastRound})");
        var checks = new List<GateCheck>();
        if (o.MinLiveCorrMean is { } minCorr)
        {
            checks.Add(new GateCheck($"live corr mean {window}", summary.CorrMean, minCorr, AtLeast: true, "performance.json"));
        }

        if (o.MinLiveMmcMean is { } minMmc)
        {
            checks.Add(new GateCheck($"live mmc mean {window}", summary.MmcMean, minMmc, AtLeast: true, "performance.json"));
        }

        return checks;
    }
}
