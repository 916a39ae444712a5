using System.Globalization;

namespace NumeraiPipeline.Plugins.Numerai.Metrics;

/// <summary>One threshold check of the quality gate.</summary>
/// <param name="Name">What is checked, e.g. <c>corr mean</c>.</param>
/// <param name="Value">The measured value, null when metrics.json lacks it.</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="AtLeast">True for a minimum, false for a maximum.</param>
/// <param name="Source">The file the value comes from (for the message when it is missing).</param>
internal sealed record GateCheck(string Name, double? Value, double Threshold, bool AtLeast, string Source = "metrics.json")
{
    public bool Passed => Value is { } v && !double.IsNaN(v) && (AtLeast ? v >= Threshold : v <= Threshold);

    public string Describe()
    {
        var threshold = Threshold.ToString("0.####", CultureInfo.InvariantCulture);
        if (Value is not { } v || double.IsNaN(v))
        {
            return $"{Name} is not in {Source} (needed for the threshold {threshold}; give the stage's input that computes it)";
        }

        var value = v.ToString("0.####", CultureInfo.InvariantCulture);
        return AtLeast ? $"{Name} {value} < min {threshold}" : $"{Name} {value} > max {threshold}";
    }
}
