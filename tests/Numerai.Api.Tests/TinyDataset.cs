using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.Numerai.Api.Tests;

/// <summary>Writes a tiny real parquet dataset folder (<c>DIR/&lt;version&gt;/…</c>) for the sandbox to serve.</summary>
internal static class TinyDataset
{
    public static readonly string[] LiveIds = [.. Enumerable.Range(0, 40).Select(i => "n" + i.ToString("x15", System.Globalization.CultureInfo.InvariantCulture))];

    public static async Task WriteAsync(string root, params string[] versions)
    {
        foreach (var version in versions)
        {
            var dir = Path.Combine(root, version);
            Directory.CreateDirectory(dir);
            await WriteParquetAsync(Path.Combine(dir, "train.parquet"), [.. Enumerable.Range(1000, 3000).Select(i => "t" + i)]);
            await WriteParquetAsync(Path.Combine(dir, "validation.parquet"), [.. Enumerable.Range(1000, 500).Select(i => "v" + i)]);
            await WriteParquetAsync(Path.Combine(dir, "live.parquet"), LiveIds);
            await File.WriteAllTextAsync(Path.Combine(dir, "features.json"), """{"feature_sets":{"small":["feature_a"]},"targets":["target"]}""");
        }
    }

    private static async Task WriteParquetAsync(string path, string[] ids)
    {
        var id = new DataField<string>("id");
        var era = new DataField<string>("era");
        var feature = new DataField<sbyte>("feature_a");
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, era, feature), stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(id, ids);
        await group.WriteAsync(era, [.. ids.Select((_, i) => (i / 10 + 1).ToString("0000", System.Globalization.CultureInfo.InvariantCulture))]);
        await group.WriteAsync<sbyte>(feature, ids.Select((_, i) => (sbyte)(i % 5)).ToArray());
    }
}
