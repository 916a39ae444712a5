namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>Percent ranks into (0, 1] like pandas <c>rank(pct=True)</c> (ties share their average rank).</summary>
internal static class Ranking
{
    /// <summary>Ranks the values at <paramref name="members"/> among themselves into <paramref name="result"/>.</summary>
    public static void PercentRank(IReadOnlyList<double> values, int[] members, double[] result)
    {
        var sorted = (int[])members.Clone();
        Array.Sort(sorted, (a, b) => values[a].CompareTo(values[b]));
        var n = sorted.Length;
        var i = 0;
        while (i < n)
        {
            var j = i;
            while (j + 1 < n && values[sorted[j + 1]].Equals(values[sorted[i]]))
            {
                j++;
            }

            var average = ((i + 1) + (j + 1)) / 2.0;
            for (var k = i; k <= j; k++)
            {
                result[sorted[k]] = average / n;
            }

            i = j + 1;
        }
    }

    /// <summary>Row indexes grouped by era (one group when there are no eras).</summary>
    public static IEnumerable<int[]> ByEra(IReadOnlyList<string> eras, int rows) =>
        eras.Count == 0
            ? [Enumerable.Range(0, rows).ToArray()]
            : Enumerable.Range(0, rows).GroupBy(i => eras[i], StringComparer.Ordinal).Select(g => g.ToArray());
}
