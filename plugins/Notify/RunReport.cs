using System.Globalization;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>What every notifier says about a run: built once from <see cref="RunSnapshot"/>.</summary>
internal sealed record RunReport(
    string Pipeline,
    string RunId,
    DateTimeOffset StartedAt,
    RunStatus Status,
    string? Round,
    IReadOnlyList<StageSnapshot> Stages)
{
    /// <summary>Builds the report of a run.</summary>
    public static RunReport From(RunSnapshot run)
    {
        var status = run.Stages switch
        {
            var s when s.Any(x => x.Outcome == StageOutcome.Failed) => RunStatus.Failed,
            var s when s.Any(x => x.Outcome == StageOutcome.Cancelled) => RunStatus.Cancelled,
            var s when s.Any(x => x.Outcome == StageOutcome.Declined) => RunStatus.Declined,
            _ => RunStatus.Succeeded,
        };
        return new RunReport(run.PipelineName, run.RunId, run.StartedAt, status, FindRound(run.Stages), run.Stages);
    }

    /// <summary>The status as a lower-case word: succeeded, declined, failed, cancelled.</summary>
    public string StatusText => Status.ToString().ToLowerInvariant();

    /// <summary>One line: <c>numerai-daily: FAILED (round 1234)</c>.</summary>
    public string Headline =>
        $"{Pipeline}: {(Status == RunStatus.Failed ? "FAILED" : StatusText)}{(Round is null ? "" : $" (round {Round})")}";

    /// <summary>The outcome of one stage as a word.</summary>
    public static string OutcomeText(StageOutcome outcome) => outcome switch
    {
        StageOutcome.Succeeded => "succeeded",
        StageOutcome.UpToDate => "up-to-date",
        StageOutcome.Declined => "declined",
        StageOutcome.Failed => "failed",
        StageOutcome.Skipped => "skipped",
        StageOutcome.Cancelled => "cancelled",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    /// <summary>A duration as people read it: <c>850 ms</c>, <c>12.3 s</c>, <c>4m 05s</c>.</summary>
    public static string FormatDuration(TimeSpan d) => d.TotalSeconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{d.TotalMilliseconds:0} ms"),
        < 60 => string.Create(CultureInfo.InvariantCulture, $"{d.TotalSeconds:0.0} s"),
        < 3600 => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMinutes}m {d.Seconds:00}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours}h {d.Minutes:00}m"),
    };

    /// <summary>The plain-text summary: headline, one line per stage, its summary values and its cause.</summary>
    public string ToText()
    {
        var lines = new List<string> { Headline, $"run {RunId}, started {StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" };
        foreach (var stage in Stages)
        {
            lines.Add($"- {stage.StageId} ({stage.StageType}): {OutcomeText(stage.Outcome)} in {FormatDuration(stage.Duration)}");
            if (stage.Summary.Count > 0)
            {
                lines.Add("    " + string.Join(", ", stage.Summary.Select(kv => $"{kv.Key}={kv.Value}")));
            }

            if (!string.IsNullOrWhiteSpace(stage.Message))
            {
                lines.Add($"    {(stage.Code is null ? "" : stage.Code + ": ")}{stage.Message}");
            }
        }

        if (Stages.Count == 0)
        {
            lines.Add("(no stage finished before this notifier)");
        }

        return string.Join('\n', lines);
    }

    private static string? FindRound(IReadOnlyList<StageSnapshot> stages)
    {
        foreach (var stage in stages)
        {
            if (stage.Summary.TryGetValue("round", out var r) || stage.Outputs.TryGetValue("round", out r))
            {
                return r;
            }
        }

        return null;
    }
}
