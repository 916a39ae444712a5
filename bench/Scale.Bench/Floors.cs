using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Plugins.LightGbm.Data;
using NumeraiPipeline.Plugins.LightGbm.Training;

namespace NumeraiPipeline.Scale.Bench;

/// <summary>The two parts of the floor: DuckDB's full scan of the file and LightGBM's own push of the same values.</summary>
internal static class Floors
{
    /// <summary>DuckDB: <c>SELECT sum(f)</c> over every feature column, <paramref name="threads"/> threads.</summary>
    public static void DuckDbScan(string file, int threads) => Measured.Report(() =>
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var set = connection.CreateCommand())
        {
            set.CommandText = string.Create(CultureInfo.InvariantCulture, $"SET threads={threads}");
            set.ExecuteNonQuery();
        }

        var names = new List<string>();
        using (var describe = connection.CreateCommand())
        {
            describe.CommandText = $"SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('{file}')) WHERE column_name LIKE 'feature_%'";
            using var reader = describe.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        using var scan = connection.CreateCommand();
        scan.CommandText = $"SELECT {string.Join(", ", names.Select(n => $"sum(\"{n}\")"))} FROM read_parquet('{file}')";
        using (var result = scan.ExecuteReader())
        {
            result.Read();
        }

        return $"{names.Count} columns";
    });

    /// <summary>
    /// LightGBM's push alone: the rows are read into memory and binned first (not timed), their CSR conversion is timed
    /// on its own, then <c>LGBM_DatasetPushRowsByCSR</c> over all rows; push = push pass - conversion.
    /// </summary>
    public static void Push(string directory, int threads, int trees)
    {
        var features = FeatureMetadata.Load(Path.Combine(directory, "features.json")).Resolve("all");
        using var train = ParquetRowSource.Open(Path.Combine(directory, "train.parquet"), new DataSelection(features, "target", DropUnlabelled: true), long.MaxValue);
        var parameters = Cli.Parameters(trees, threads, features.Count).ToString();
        var sample = DatasetBuilder.SampleIndices(train.Rows, parameters);
        using var dataset = DatasetBuilder.CreateFromSample(train, sample, parameters, out _, CancellationToken.None);

        // conversion alone, the way the push pass does it
        var clock = Stopwatch.StartNew();
        var width = features.Count;
        var maxRows = (int)Math.Max(1, (16L << 20) / (8L * width));
        var buffer = new CsrBuffer(maxRows, width);
        foreach (var chunk in train.ReadChunks(CancellationToken.None))
        {
            for (var offset = 0; offset < chunk.Rows; offset += maxRows)
            {
                var n = Math.Min(maxRows, chunk.Rows - offset);
                buffer.Fill(chunk.Features.Slice(offset * width, n * width), n, width);
            }
        }

        var conversion = clock.Elapsed.TotalSeconds;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        DatasetBuilder.PushAll(dataset, train, null, CancellationToken.None);
        var pass = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine("RESULT " + JsonSerializer.Serialize(new Measured(pass - conversion, cpuSeconds, PeakRss.OfSelfMiB(),
            string.Create(CultureInfo.InvariantCulture, $"push pass {pass:F1} s = LGBM_DatasetPushRowsByCSR {pass - conversion:F1} s + CSR conversion {conversion:F1} s; {(long)train.Rows * width / 1e9:F2} G values"))));
    }
}
