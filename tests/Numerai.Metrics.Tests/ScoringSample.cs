using System.Globalization;
using System.Text.Json;
using NumeraiPipeline.Numerai.Scoring;

namespace Numerai.Metrics.Tests;

/// <summary>The scoring fixture (a copy of shared/numerai/scoring-sample): CSV inputs and numerai-tools' results.</summary>
internal static class ScoringSample
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures", "scoring-sample");

    public static string PathOf(string file) => Path.Combine(Directory, file);

    public static JsonElement Expected()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PathOf("expected.json")));
        return doc.RootElement.GetProperty("results").GetProperty("prediction").Clone();
    }

    public static ScoringData Load(bool meta = true, bool benchmark = true, bool features = true)
    {
        var targets = ReadCsv("targets.csv");
        var ids = targets.Rows.Select(r => r[0]).ToArray();
        var preds = ById("predictions.csv", 1);
        var data = new ScoringData
        {
            Eras = targets.Rows.Select(r => r[1]).ToArray(),
            Target = targets.Rows.Select(r => Parse(r[2])).ToArray(),
            Prediction = ids.Select(id => preds.TryGetValue(id, out var v) ? v : double.NaN).ToArray(),
            MetaModel = meta ? Column("meta_model.csv", ids) : null,
            Benchmark = benchmark ? Column("benchmark.csv", ids) : null,
            Features = features ? NumeraiPipeline.Numerai.Scoring.FeatureMatrix.FromRowMajor(FeatureBytes(ids, out var names), names.Count) : null,
            FeatureNames = features ? FeatureNames() : [],
        };
        return data;
    }

    public static IReadOnlyList<string> FeatureNames() => ReadCsv("features.csv").Header.Skip(1).ToArray();

    public static (string[] Header, List<string[]> Rows) ReadCsv(string file)
    {
        var lines = File.ReadAllLines(PathOf(file));
        return (lines[0].Split(','), lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToList());
    }

    private static double Parse(string s) =>
        s.Length == 0 ? double.NaN : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static Dictionary<string, double> ById(string file, int column) =>
        ReadCsv(file).Rows.ToDictionary(r => r[0], r => Parse(r[column]), StringComparer.Ordinal);

    private static double[] Column(string file, string[] ids)
    {
        var map = ById(file, 1);
        return ids.Select(id => map.TryGetValue(id, out var v) ? v : double.NaN).ToArray();
    }

    private static byte[] FeatureBytes(string[] ids, out IReadOnlyList<string> names)
    {
        var (header, rows) = ReadCsv("features.csv");
        names = header.Skip(1).ToArray();
        var p = names.Count;
        var byId = rows.ToDictionary(r => r[0], r => r, StringComparer.Ordinal);
        var matrix = new byte[ids.Length * p];
        for (var i = 0; i < ids.Length; i++)
        {
            var row = byId[ids[i]];
            for (var j = 0; j < p; j++)
            {
                matrix[(i * p) + j] = byte.Parse(row[j + 1], CultureInfo.InvariantCulture);
            }
        }

        return matrix;
    }
}
