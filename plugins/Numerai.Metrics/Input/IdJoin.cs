namespace NumeraiPipeline.Plugins.Numerai.Metrics.Input;

/// <summary>Aligns a column keyed by id with the data's rows (first occurrence of a duplicated id wins).</summary>
internal static class IdJoin
{
    /// <summary>Returns the values for <paramref name="rowIds"/> (NaN where the id is absent) and how many matched.</summary>
    public static (double[] Values, int Matched) Align(string[] rowIds, string[] ids, double[] values)
    {
        var result = new double[rowIds.Length];
        if (rowIds.Length == ids.Length && SameOrder(rowIds, ids))
        {
            Array.Copy(values, result, values.Length);
            return (result, rowIds.Length);
        }

        var index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            index.TryAdd(ids[i], i);
        }

        var matched = 0;
        for (var r = 0; r < rowIds.Length; r++)
        {
            if (index.TryGetValue(rowIds[r], out var i))
            {
                result[r] = values[i];
                matched++;
            }
            else
            {
                result[r] = double.NaN;
            }
        }

        return (result, matched);
    }

    private static bool SameOrder(string[] a, string[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
