namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>Ranks values into (0, 1] like pandas <c>rank(pct=True)</c> (ties get their average rank), within groups.</summary>
internal static class Ranking
{
    public static double[] PercentRank(double[] values, string[]? groups)
    {
        var result = new double[values.Length];
        var byGroup = groups is null
            ? [Enumerable.Range(0, values.Length).ToArray()]
            : Enumerable.Range(0, values.Length).GroupBy(i => groups[i], StringComparer.Ordinal).Select(g => g.ToArray()).ToArray();
        foreach (var members in byGroup)
        {
            Array.Sort(members, (a, b) => values[a].CompareTo(values[b]));
            var n = members.Length;
            var i = 0;
            while (i < n)
            {
                var j = i;
                while (j + 1 < n && values[members[j + 1]].Equals(values[members[i]]))
                {
                    j++;
                }

                var average = ((i + 1) + (j + 1)) / 2.0;
                for (var k = i; k <= j; k++)
                {
                    result[members[k]] = average / n;
                }

                i = j + 1;
            }
        }

        return result;
    }
}
