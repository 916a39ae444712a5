namespace NumeraiPipeline.Plugins.LightGbm.CrossValidation;

/// <summary>
/// Numerai's eras in time order: numerically when every era is a number ("0001", "575"; Numerai pads them, but a
/// file without padding still sorts by time), otherwise ordinally.
/// </summary>
internal static class EraOrder
{
    public static string[] Sort(IEnumerable<string> eras)
    {
        var distinct = eras.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.All(e => long.TryParse(e, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            return [.. distinct.OrderBy(e => long.Parse(e, System.Globalization.CultureInfo.InvariantCulture)).ThenBy(e => e, StringComparer.Ordinal)];
        }

        Array.Sort(distinct, StringComparer.Ordinal);
        return distinct;
    }
}
