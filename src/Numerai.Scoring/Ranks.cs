namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>
/// Average ranks, the one ranking of the tree: ties share the mean of their 1-based positions and NaN stays NaN
/// (pandas <c>rank(method="average")</c>; <see cref="Percent"/> is <c>rank(pct=True)</c>). Scoring's gaussianization
/// ranks through a radix-sorted order of its own (<see cref="Ranking.GaussianRanks"/>) for speed, to the same ranks.
/// </summary>
public static class Ranks
{
    /// <summary>1-based average ranks; a NaN value gets NaN and is not counted.</summary>
    /// <param name="values">The values.</param>
    /// <returns>One rank per value.</returns>
    public static double[] Average(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new double[values.Count];
        RankAmong(values, AllRows(values.Count), result, percent: false);
        return result;
    }

    /// <summary>pandas <c>rank(pct=True)</c>: the average rank divided by the count of non-NaN values, in (0, 1]. NaN stays NaN.</summary>
    /// <param name="values">The values.</param>
    /// <returns>One percent rank per value.</returns>
    public static double[] Percent(IReadOnlyList<double> values) => PercentWithin(values, null);

    /// <summary>
    /// <see cref="Percent"/> within each group (e.g. era): every row is ranked among the rows of its group only.
    /// </summary>
    /// <param name="values">The values.</param>
    /// <param name="groups">The group of each row, or null (or empty) for one group.</param>
    /// <returns>One percent rank per value.</returns>
    public static double[] PercentWithin(IReadOnlyList<double> values, IReadOnlyList<string>? groups)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new double[values.Count];
        if (groups is null || groups.Count == 0)
        {
            RankAmong(values, AllRows(values.Count), result, percent: true);
            return result;
        }

        if (groups.Count != values.Count)
        {
            throw new ArgumentException($"{groups.Count} groups for {values.Count} values", nameof(groups));
        }

        foreach (var members in Enumerable.Range(0, values.Count).GroupBy(i => groups[i], StringComparer.Ordinal))
        {
            RankAmong(values, [.. members], result, percent: true);
        }

        return result;
    }

    /// <summary>
    /// <see cref="Percent"/> of the rows <paramref name="members"/> among themselves (e.g. one era's), written into
    /// <paramref name="result"/> at the same indexes; other rows of <paramref name="result"/> are untouched.
    /// </summary>
    /// <param name="values">All values, indexed by row.</param>
    /// <param name="members">The rows ranked together.</param>
    /// <param name="result">Receives the percent rank of each member row (NaN where its value is NaN).</param>
    public static void PercentAmong(IReadOnlyList<double> values, IReadOnlyList<int> members, double[] result)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(result);
        RankAmong(values, members, result, percent: true);
    }

    private static int[] AllRows(int n)
    {
        var rows = new int[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = i;
        }

        return rows;
    }

    private static void RankAmong(IReadOnlyList<double> values, IReadOnlyList<int> members, double[] result, bool percent)
    {
        var valid = new List<int>(members.Count);
        foreach (var m in members)
        {
            if (double.IsNaN(values[m]))
            {
                result[m] = double.NaN;
            }
            else
            {
                valid.Add(m);
            }
        }

        var order = valid.ToArray();
        var keys = new double[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            keys[i] = values[order[i]];
        }

        Array.Sort(keys, order);
        var n = order.Length;
        var i0 = 0;
        while (i0 < n)
        {
            var i1 = i0 + 1;
            while (i1 < n && keys[i1] == keys[i0])
            {
                i1++;
            }

            // positions i0+1 .. i1 (1-based) share their mean
            var rank = (i0 + 1 + i1) * 0.5;
            for (var k = i0; k < i1; k++)
            {
                result[order[k]] = percent ? rank / n : rank;
            }

            i0 = i1;
        }
    }
}
