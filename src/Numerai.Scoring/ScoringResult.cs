namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>Per-era scores in ascending era order, and the notes about eras or metrics that were skipped.</summary>
public sealed class ScoringResult
{
    /// <summary>Labelled eras in ascending order.</summary>
    public required IReadOnlyList<EraScore> Eras { get; init; }

    /// <summary>Why a metric was not computed for an era (e.g. the 80 % alignment rule failed).</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Eras without a single labelled row (dropped).</summary>
    public int UnlabelledEras { get; init; }

    /// <summary>The summary of one per-era series.</summary>
    public SeriesSummary Summary(Func<EraScore, double> metric) => SeriesSummary.From(Eras.Select(metric));
}
