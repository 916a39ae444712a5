namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>
/// Percent ranks into (0, 1] like pandas <c>rank(pct=True)</c>: ties share their average 1-based rank, divided by the
/// number of ranked values; NaN values are not ranked, stay NaN and do not count. The ranking of the ensemble stage
/// and of numerai.neutralize (one function, so both rank the same way).
/// </summary>
public static class PercentRanks
{
    /// <summary>Ranks the values at <paramref name="members"/> among themselves and writes each rank into <paramref name="result"/> at the same index.</summary>
    /// <param name="values">All values, indexed by row.</param>
    /// <param name="members">The rows ranked together (e.g. one era's).</param>
    /// <param name="result">Receives the rank of each member row (NaN where its value is NaN); other rows are untouched.</param>
    public static void Rank(IReadOnlyList<double> values, IReadOnlyList<int> members, IList<double> result)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(result);
        var sorted = new int[members.Count];
        var n = 0;
        foreach (var m in members)
        {
            if (double.IsNaN(values[m]))
            {
                result[m] = double.NaN;
            }
            else
            {
                sorted[n++] = m;
            }
        }

        Array.Sort(sorted, 0, n, Comparer<int>.Create((a, b) => values[a].CompareTo(values[b])));
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
}
