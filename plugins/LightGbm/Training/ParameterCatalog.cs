using System.Text;
using System.Text.Json;
using NumeraiPipeline.Plugins.LightGbm.Native;

namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>
/// LightGBM's parameter names and their aliases, read from the native library itself (LGBM_DumpParamAliases), so
/// every name LightGBM accepts (including the scikit-learn names Numerai's examples use: n_estimators,
/// colsample_bytree, subsample, reg_lambda, min_child_samples, random_state, n_jobs, ...) maps to its canonical name.
/// </summary>
internal static unsafe class ParameterCatalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Map = new(Load);

    /// <summary>Alias (or canonical name) → canonical name.</summary>
    public static IReadOnlyDictionary<string, string> CanonicalNames => Map.Value;

    private static Dictionary<string, string> Load()
    {
        Lgbm.Check(NativeMethods.LGBM_DumpParamAliases(0, out var needed, null), "LGBM_DumpParamAliases");
        var buffer = new byte[needed];
        fixed (byte* p = buffer)
        {
            Lgbm.Check(NativeMethods.LGBM_DumpParamAliases(buffer.Length, out needed, p), "LGBM_DumpParamAliases");
        }

        var text = Encoding.UTF8.GetString(buffer, 0, (int)Math.Min(needed, buffer.Length)).TrimEnd('\0');
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        using var doc = JsonDocument.Parse(text);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            result[property.Name] = property.Name;
            foreach (var alias in property.Value.EnumerateArray())
            {
                result.TryAdd(alias.GetString()!, property.Name);
            }
        }

        return result;
    }
}
