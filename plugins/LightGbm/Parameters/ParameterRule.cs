namespace NumeraiPipeline.Plugins.LightGbm.Parameters;

/// <summary>What LightGBM accepts for one parameter (by its canonical name).</summary>
/// <param name="Name">The canonical name, e.g. <c>num_leaves</c>.</param>
/// <param name="Type">How the value is read.</param>
/// <param name="Default">LightGBM's default as config.h documents it (may be descriptive, e.g. <c>None</c>).</param>
internal sealed record ParameterRule(string Name, ParameterType Type, string Default)
{
    /// <summary>LightGBM's range checks (all must pass).</summary>
    public IReadOnlyList<ParameterCheck> Checks { get; init; } = [];

    /// <summary>The accepted values of an enum parameter.</summary>
    public IReadOnlyList<EnumValue> Values { get; init; } = [];

    /// <summary>Documented as "can be used only in CLI version": the C API this plugin calls ignores it.</summary>
    public bool CliOnly { get; init; }

    /// <summary>The enum value that <paramref name="text"/> names (any case, aliases included), or null.</summary>
    public EnumValue? Value(string text) => Values.FirstOrDefault(v => v.Matches(text));
}
