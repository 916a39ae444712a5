using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Models;

/// <summary>Text and path options of stages.</summary>
public static class OptionText
{
    /// <summary>The path of a required file option; NP6110 (<see cref="ModelErrors.MissingOption"/>) when it is not set.</summary>
    /// <param name="artifact">The option's value.</param>
    /// <param name="stage">The stage type, for the message.</param>
    /// <param name="option">The option's name.</param>
    /// <param name="what">What to set it to, e.g. <c>a Numerai parquet file</c>.</param>
    /// <returns>The path.</returns>
    public static string RequirePath(ArtifactRef? artifact, string stage, string option, string what) =>
        artifact?.Path is { Length: > 0 } path ? path : throw ModelErrors.MissingOption.Exception(stage, option, what);

    /// <summary>Null for a null, empty or blank text (an unset filter), else the text.</summary>
    /// <param name="text">The option's value.</param>
    /// <returns>The text or null.</returns>
    public static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
