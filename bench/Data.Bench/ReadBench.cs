using System.Diagnostics;
using NumeraiPipeline.Numerai.Data;
using Parquet;

namespace NumeraiPipeline.Data.Bench;

/// <summary>Generates a medium synthetic file and measures ReadBlocks throughput and peak RSS (raw path vs Parquet.Net's nullable path).</summary>
internal static class ReadBench
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var rows = args.Int("rows", 200_000);
        var features = args.Int("features", 700);
        var dir = args.String("dir") ?? Path.Combine(Path.GetTempPath(), "np-data-bench");
        var options = new SyntheticDatasetOptions
        {
            TrainRows = rows,
            TrainEras = Math.Max(1, rows / 5000),
            ValidationEras = 0,
            UnlabelledValidationEras = 0,
            FeatureCount = features,
            LiveRows = 10,
            RowGroupRows = args.Int("row-group", 50_000),
        };

        var path = Path.Combine(dir, options.Version, "train.parquet");
        var sw = Stopwatch.StartNew();
        if (!File.Exists(path) || args.Flag("regenerate"))
        {
            var summary = await SyntheticDataset.WriteAsync(options, dir);
            Console.WriteLine($"generate: {summary.TrainRows:N0} rows x {features} features in {sw.Elapsed.TotalSeconds:F1} s " +
                              $"({summary.TrainRows / sw.Elapsed.TotalSeconds:N0} rows/s), peak RSS {Mb(ProcessMemory.PeakRssBytes())}");
        }

        var fileBytes = new FileInfo(path).Length;
        var meta = FeatureMetadata.Load(Path.Combine(dir, options.Version, "features.json"));
        var featureNames = meta.Resolve("all");
        Console.WriteLine($"file: {path} {fileBytes / 1e6:F1} MB");

        foreach (var threads in new int?[] { 1, null, null })
        {
            Measure($"ReadBlocks (raw path, decode threads {threads?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"})", fileBytes, () =>
            {
                using var reader = NumeraiParquetReader.Open(path);
                long n = 0, checksum = 0;
                foreach (var block in reader.ReadBlocks(new ReadSpec { Features = featureNames, Target = "target", DecodeThreads = threads }))
                {
                    n += block.RowCount;
                    checksum += block.Features[^1];
                }

                return (n, checksum);
            });
        }

        Measure("Parquet.Net nullable ReadAsync<sbyte> into sbyte?[] (for comparison)", fileBytes, () =>
        {
            return NullablePathAsync(path, featureNames).GetAwaiter().GetResult();
        });

        if (!args.Flag("keep"))
        {
            Directory.Delete(Path.Combine(dir, options.Version), recursive: true);
        }

        return 0;
    }

    private static void Measure(string name, long fileBytes, Func<(long Rows, long Checksum)> run)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var reset = ProcessMemory.ResetPeak();
        var baseline = ProcessMemory.RssBytes();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        var sw = Stopwatch.StartNew();
        var (rows, _) = run();
        var seconds = sw.Elapsed.TotalSeconds;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpu).TotalSeconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Console.WriteLine($"{name}: {rows:N0} rows in {seconds:F2} s = {rows / seconds:N0} rows/s, {fileBytes / 1e6 / seconds:F1} MB/s of file " +
                          $"(CPU {cpuSeconds:F2} s = {rows / cpuSeconds:N0} rows/CPU-s); " +
                          $"allocated {allocated / 1e6:F0} MB; peak RSS {Mb(ProcessMemory.PeakRssBytes())} (baseline {Mb(baseline)}{(reset ? string.Empty : ", peak not reset")})");
    }

    private static async Task<(long, long)> NullablePathAsync(string path, IReadOnlyList<string> featureNames)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = featureNames.Select(n => reader.Schema.DataFields.First(f => f.Name == n)).ToArray();
        long rows = 0, checksum = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var rg = reader.OpenRowGroupReader(g);
            var n = (int)rg.RowCount;
            var block = new byte[(long)n * fields.Length];
            var column = new sbyte?[n];
            for (var j = 0; j < fields.Length; j++)
            {
                await rg.ReadAsync<sbyte>(fields[j], column.AsMemory(), null);
                for (var r = 0; r < n; r++)
                {
                    block[(r * fields.Length) + j] = column[r] is { } v ? (byte)v : (byte)255;
                }
            }

            rows += n;
            checksum += block[^1];
        }

        return (rows, checksum);
    }

    private static string Mb(long? bytes) => bytes is null ? "n/a" : $"{bytes.Value / 1e6:F0} MB";
}
