using NumeraiPipeline.Numerai.Scoring;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>Percent ranks into (0, 1] like pandas <c>rank(pct=True)</c> (ties share their average rank).</summary>
internal static class Ranking
{
    /// <summary>Ranks the values at <paramref name="members"/> among themselves into <paramref name="result"/> (the shared ranking of Numerai.Scoring, which numerai.neutralize uses too).</summary>
    public static void PercentRank(IReadOnlyList<double> values, int[] members, double[] result) => PercentRanks.Rank(values, members, result);

    /// <summary>Row indexes grouped by era (one group when there are no eras).</summary>
    public static IEnumerable<int[]> ByEra(IReadOnlyList<string> eras, int rows) =>
        eras.Count == 0
            ? [Enumerable.Range(0, rows).ToArray()]
            : Enumerable.Range(0, rows).GroupBy(i => eras[i], StringComparer.Ordinal).Select(g => g.ToArray());
}
