namespace NumeraiPipeline.Plugins.Numerai.Submit;

/// <summary>pandas <c>rank(pct=True)</c>: average rank of ties divided by the count, so values lie in (0, 1]. NaN stays NaN.</summary>
internal static class PredictionRanker
{
    public static double[] RankPct(IReadOnlyList<double> values)
    {
        var valid = Enumerable.Range(0, values.Count).Where(i => !double.IsNaN(values[i])).OrderBy(i => values[i]).ToArray();
        var ranked = Enumerable.Repeat(double.NaN, values.Count).ToArray();
        var n = valid.Length;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && values[valid[j + 1]] == values[valid[i]])
            {
                j++;
            }

            var rank = (((i + j) / 2.0) + 1) / n;
            for (var k = i; k <= j; k++)
            {
                ranked[valid[k]] = rank;
            }

            i = j + 1;
        }

        return ranked;
    }
}
