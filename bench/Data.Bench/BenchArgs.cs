namespace NumeraiPipeline.Data.Bench;

internal sealed class BenchArgs
{
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public static BenchArgs Parse(string[] args)
    {
        var result = new BenchArgs();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            var key = args[i][2..];
            var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
            result.Values[key] = value;
        }

        return result;
    }

    public int Int(string key, int fallback) => Values.TryGetValue(key, out var v) ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public string? String(string key) => Values.GetValueOrDefault(key);

    public bool Flag(string key) => Values.ContainsKey(key);
}
