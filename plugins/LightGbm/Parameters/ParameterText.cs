using System.Text.Json;

namespace NumeraiPipeline.Plugins.LightGbm.Parameters;

/// <summary>
/// The text a <c>params</c> value becomes in LightGBM's <c>key=value key=value</c> parameter string (as
/// Training.LightGbmParameters writes it), so a value is checked exactly as LightGBM will read it.
/// </summary>
internal static class ParameterText
{
    /// <summary>The text, or null for a map, null or other value LightGBM cannot take.</summary>
    public static string? Of(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => string.Join(',', element.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText())),
        _ => null,
    };

    /// <summary>Whether the text would break the parameter string (LightGBM splits on white space, then on '=').</summary>
    public static bool BreaksParameterString(string text) => text.Any(c => char.IsWhiteSpace(c) || c == '=');
}
