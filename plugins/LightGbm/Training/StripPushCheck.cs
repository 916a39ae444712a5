using System.Globalization;

namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>
/// Whether rows may be pushed into a Dataset in column strips (each row pushed once per strip, every strip with only
/// its own features) and give the same Dataset as whole rows. LightGBM writes only the features a pushed row names,
/// except that after each row it also writes a zero into every feature whose most frequent bin is not the zero bin
/// (<c>Dataset::FinishOneRow</c> over <c>feature_need_push_zeros_</c>), and a later strip cannot undo that where its
/// value falls in the most frequent bin (that bin is never written). LightGBM keeps the zero bin as the most frequent
/// one unless another bin holds at least 70 % of the bin sample (<c>kSparseThreshold</c> in <c>BinMapper::FindBin</c>);
/// with the default binning a bin other than zero's holds a run of values of which all but the last have fewer than
/// <c>min_data_in_bin</c> samples. So strips are exact when, for every feature, the most frequent non-zero value (a
/// missing value counts as one) plus <c>min_data_in_bin</c> stays under 70 % of the sample. Other binning options
/// (max_bin below 255, per-feature bins, forced bins, categorical features, zero as missing) keep whole rows.
/// </summary>
internal static class StripPushCheck
{
    private const double SparseThreshold = 0.7;

    private static readonly string[] BinningOptions = ["max_bin_by_feature", "forcedbins_filename", "categorical_feature", "zero_as_missing", "use_missing", "max_bin"];

    /// <param name="parameters">LightGBM's parameter string (canonical names).</param>
    /// <param name="sampleRows">Rows in the bin sample.</param>
    /// <param name="maxNonZeroCounts">Per feature, the sample count of its most frequent non-zero byte value.</param>
    public static bool StripsAreExact(string parameters, int sampleRows, IReadOnlyList<int> maxNonZeroCounts)
    {
        var options = Parse(parameters);
        foreach (var name in BinningOptions)
        {
            if (options.TryGetValue(name, out var value) && !IsDefault(name, value))
            {
                return false;
            }
        }

        var minDataInBin = options.TryGetValue("min_data_in_bin", out var m) && int.TryParse(m, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 3;
        var limit = SparseThreshold * sampleRows;
        return maxNonZeroCounts.All(count => count + Math.Max(1, minDataInBin) < limit);
    }

    private static bool IsDefault(string name, string value) => name switch
    {
        "zero_as_missing" => value is "false" or "0",
        "use_missing" => value is "true" or "1",
        "max_bin" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bins) && bins >= 255,
        _ => string.IsNullOrEmpty(value),
    };

    private static Dictionary<string, string> Parse(string parameters)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in parameters.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                result[pair[..eq]] = pair[(eq + 1)..];
            }
        }

        return result;
    }
}
