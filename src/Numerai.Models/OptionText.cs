namespace NumeraiPipeline.Numerai.Models;

/// <summary>Text options of stages.</summary>
public static class OptionText
{
    /// <summary>Null for a null, empty or blank text (an unset filter), else the text.</summary>
    /// <param name="text">The option's value.</param>
    /// <returns>The text or null.</returns>
    public static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
