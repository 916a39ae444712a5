using System.Globalization;
using System.Text;
using System.Text.Json;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>
/// The parameters of one training run, by LightGBM's canonical names, in the <c>key=value key=value</c> form the C
/// API takes. Our defaults: objective=regression, verbosity=-1, num_iterations=100, bin_construct_sample_cnt from
/// <see cref="DefaultSampleCount"/> (five-valued features get the same bins from such a sample as from all rows).
/// </summary>
internal sealed class LightGbmParameters
{
    private static readonly (string Name, string Value)[] Defaults =
    [
        ("objective", "regression"),
        ("verbosity", "-1"),
        ("num_iterations", "100"),
    ];

    /// <summary>Sampled values (rows x features) the default bin sample aims at: 50 000 rows up to 220 features, fewer above (about 15 700 at 700, 10 000 from 1 100 up).</summary>
    private const long SampleValueBudget = 11_000_000;

    private readonly SortedDictionary<string, string> values = new(StringComparer.Ordinal);

    private LightGbmParameters()
    {
    }

    /// <summary>The canonical name → value map (sorted, for the sidecar and fingerprints).</summary>
    public IReadOnlyDictionary<string, string> Values => values;

    /// <summary>The number of boosting iterations.</summary>
    public int NumIterations => int.Parse(values["num_iterations"], CultureInfo.InvariantCulture);

    /// <summary>
    /// Canonicalises user parameters. Unknown names and two names for one parameter throw
    /// <see cref="ParameterException"/>.
    /// </summary>
    /// <param name="user">The <c>params</c> map (any LightGBM name or alias).</param>
    /// <param name="numThreads">num_threads when the map does not set it (0 = LightGBM's default).</param>
    /// <param name="seed">seed when the map does not set it.</param>
    /// <param name="deterministic">
    /// deterministic=true and force_col_wise=true (unless the map sets them or force_row_wise): otherwise LightGBM picks
    /// row- or column-wise histograms by timing both, which varies on a busy machine and changes the last bits.
    /// </param>
    public static LightGbmParameters Create(IReadOnlyDictionary<string, JsonElement>? user, int? numThreads, int? seed, bool deterministic, int featureCount = 0)
    {
        var p = new LightGbmParameters();
        var source = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, element) in user ?? new Dictionary<string, JsonElement>())
        {
            var name = key.Trim();
            if (!ParameterCatalog.CanonicalNames.TryGetValue(name, out var canonical))
            {
                throw new ParameterException(name, $"'{name}' is not a LightGBM parameter or alias.{DidYouMean(name)}");
            }

            if (source.TryGetValue(canonical, out var earlier))
            {
                throw new ParameterException(name, $"'{name}' and '{earlier}' both set LightGBM's '{canonical}'; keep one.");
            }

            source[canonical] = name;
            p.values[canonical] = Format(name, element);
        }

        foreach (var (name, value) in Defaults)
        {
            p.values.TryAdd(name, value);
        }

        p.values.TryAdd("bin_construct_sample_cnt", DefaultSampleCount(featureCount).ToString(CultureInfo.InvariantCulture));

        if (numThreads is > 0)
        {
            p.values.TryAdd("num_threads", numThreads.Value.ToString(CultureInfo.InvariantCulture));
        }

        if (seed is { } s)
        {
            p.values.TryAdd("seed", s.ToString(CultureInfo.InvariantCulture));
        }

        if (deterministic)
        {
            p.values.TryAdd("deterministic", "true");
            if (!p.values.ContainsKey("force_row_wise"))
            {
                p.values.TryAdd("force_col_wise", "true");
            }
        }

        if (!int.TryParse(p.values["num_iterations"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var iterations) || iterations < 0)
        {
            throw new ParameterException(source.GetValueOrDefault("num_iterations", "num_iterations"), $"num_iterations must be a whole number >= 0, not '{p.values["num_iterations"]}'.");
        }

        return p;
    }

    /// <summary>
    /// The default bin construction sample: 50 000 rows (five-valued features get the same bins as from all rows), but
    /// at most <see cref="SampleValueBudget"/> values and at least 10 000 rows, because the sample is handed to LightGBM
    /// as doubles with row indices (12 bytes a value) and is still held while LightGBM allocates the binned Dataset: at
    /// Numerai's full 2 748 features a 20 000-row sample alone was 0.6 GiB of the peak. Five-valued features (each value
    /// at least ~5 % of rows) give the same bins from 10 000 rows: checked bit for bit against a 50 000-row build.
    /// </summary>
    public static int DefaultSampleCount(int featureCount) =>
        featureCount <= 0 ? 50_000 : (int)Math.Clamp(SampleValueBudget / featureCount, 10_000, 50_000);

    /// <summary>Gets a value by canonical name.</summary>
    public string? Get(string canonicalName) => values.GetValueOrDefault(canonicalName);

    /// <summary>The parameter string for LightGBM's C API.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in values)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(k).Append('=').Append(v);
        }

        return sb.ToString();
    }

    private static string Format(string name, JsonElement element)
    {
        var text = element.ValueKind switch
        {
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.String => element.GetString()!,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Array => string.Join(',', element.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
            _ => throw new ParameterException(name, $"the value of '{name}' must be a number, a string, true/false or a list, not {element.ValueKind}."),
        };
        if (text.Any(c => char.IsWhiteSpace(c) || c == '='))
        {
            throw new ParameterException(name, $"the value of '{name}' ('{text}') must not contain spaces or '='.");
        }

        return text;
    }

    private static string DidYouMean(string name)
    {
        var best = ParameterCatalog.CanonicalNames.Keys
            .Select(k => (Key: k, Distance: EditDistance.Between(name.ToLowerInvariant(), k)))
            .OrderBy(t => t.Distance)
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Key is not null && best.Distance <= Math.Max(2, name.Length / 3)
            ? $" Did you mean '{ParameterCatalog.CanonicalNames[best.Key]}'?"
            : string.Empty;
    }
}
