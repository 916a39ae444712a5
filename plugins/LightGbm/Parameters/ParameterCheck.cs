using System.Globalization;

namespace NumeraiPipeline.Plugins.LightGbm.Parameters;

/// <summary>One <c>check = &gt;0.0</c> line of LightGBM's config.h (a CHECK_GT etc. in Config::GetMembersFromString).</summary>
/// <param name="Operator">&gt;, &gt;=, &lt; or &lt;=.</param>
/// <param name="Bound">The bound.</param>
internal sealed record ParameterCheck(string Operator, double Bound)
{
    public bool Passes(double value) => Operator switch
    {
        ">" => value > Bound,
        ">=" => value >= Bound,
        "<" => value < Bound,
        "<=" => value <= Bound,
        _ => throw new InvalidOperationException($"unknown check operator '{Operator}'"),
    };

    public override string ToString() => $"{Operator} {Bound.ToString("0.############", CultureInfo.InvariantCulture)}";
}
