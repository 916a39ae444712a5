namespace NumeraiPipeline.Plugins.LightGbm.Parameters;

/// <summary>A value of an enum parameter (e.g. objective <c>regression</c>) and the other names LightGBM accepts for it.</summary>
/// <param name="Name">The value as LightGBM documents it.</param>
/// <param name="Aliases">Other spellings that mean the same.</param>
internal sealed record EnumValue(string Name, IReadOnlyList<string> Aliases)
{
    public bool Matches(string text) =>
        string.Equals(Name, text, StringComparison.OrdinalIgnoreCase) || Aliases.Any(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
}
