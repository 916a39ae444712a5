using System.Globalization;
using System.Text;

namespace NumeraiPipeline.Scale.Bench;

/// <summary>The one command: generate, measure each layout in its own processes, print the tables.</summary>
internal static class Table
{
    public static async Task<int> RunAsync(string root, int rows, int features, int threads, int trees, string[] layouts, bool skipReaders, bool skipPredict, bool build)
    {
        var repo = FindRepo();
        if (build)
        {
            foreach (var project in new[] { "src/Orchestrator/Orchestrator.csproj", "plugins/LightGbm/LightGbm.csproj" })
            {
                var (code, output, error, _, _) = Child.Run("dotnet", ["build", "-c", "Release", "-v", "q", "-nologo", Path.Combine(repo, project)], repo);
                if (code != 0)
                {
                    Console.Error.WriteLine($"build of {project} failed:\n{output}{error}");
                    return 1;
                }
            }
        }

        Directory.CreateDirectory(root);
        var report = new StringBuilder();
        void Line(string text)
        {
            Console.WriteLine(text);
            report.AppendLine(text);
        }

        Line(string.Create(CultureInfo.InvariantCulture, $"# {rows:N0} rows x {features} features, {threads} threads, {trees} trees ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)"));
        Line(string.Empty);
        var cliRows = new List<string>();
        var readerRows = new List<string>();
        var predictRows = new List<string>();
        foreach (var layout in layouts)
        {
            var directory = BenchLayouts.Directory(root, layout);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await BenchLayouts.WriteAsync(root, layout, rows, features);
            var file = Path.Combine(directory, "train.parquet");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{layout}] {new FileInfo(file).Length / 1e9:F2} GB ready after {clock.Elapsed.TotalSeconds:F0} s"));
            var work = Path.Combine(root, "work-" + layout);
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }

            Directory.CreateDirectory(work);
            var loadBefore = Child.Load();
            var duck = Child.Self("duckdb-floor", file, threads.ToString(CultureInfo.InvariantCulture));
            var push = Child.Self("push-floor", directory, threads.ToString(CultureInfo.InvariantCulture), trees.ToString(CultureInfo.InvariantCulture));
            var train = Cli.Train(repo, directory, work, threads, trees);
            var floor = duck.Seconds + push.Seconds;
            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {layout} | {train.Dataset:F1} s | {train.PeakMiB / 1024:F2} GiB | {duck.Seconds:F1} s | {push.Seconds:F1} s | {floor:F1} s | **{train.Dataset / floor:F2}x** | {train.Stage:F1} s | {loadBefore} / {Child.Load()} |");
            cliRows.Add(row);
            Console.WriteLine(row + "   " + push.Detail);

            if (!skipPredict)
            {
                foreach (var (name, data) in new[] { ("live", Path.Combine(directory, "live.parquet")), ("train-file", file) })
                {
                    var (seconds, peak) = Cli.Predict(repo, train.Model, data, work, threads, name);
                    using var reader = Numerai.Data.NumeraiParquetReader.Open(data);
                    var p = string.Create(CultureInfo.InvariantCulture, $"| {layout} | {name} | {reader.RowCount:N0} | {seconds:F1} s | {reader.RowCount / seconds:N0} | {peak / 1024:F2} GiB | {Child.Load()} |");
                    predictRows.Add(p);
                    Console.WriteLine(p);
                }
            }

            if (!skipReaders)
            {
                var scans = Readers.Engines.Select(e => (e, "rows")).Append(("arrow", "strips")).Append(("arrow", "sample"));
                foreach (var (engine, how) in scans)
                {
                    string r;
                    try
                    {
                        var m = Child.Self("read", directory, engine, threads.ToString(CultureInfo.InvariantCulture), how);
                        r = string.Create(CultureInfo.InvariantCulture, $"| {layout} | {engine} | {how} | {m.Seconds:F1} s | {m.CpuSeconds:F1} s | {m.PeakMiB / 1024:F2} GiB | {Child.Load()} |");
                    }
                    catch (InvalidOperationException ex)
                    {
                        r = $"| {layout} | {engine} | {how} | failed: {ex.Message.Split('\n')[0]} | | | {Child.Load()} |";
                    }

                    readerRows.Add(r);
                    Console.WriteLine(r);
                }
            }
        }

        Line("## lightgbm.train through the CLI: dataset construction against the floor (DuckDB's full scan + LightGBM's own push)");
        Line(string.Empty);
        Line("| layout | dataset construction | peak RSS | DuckDB scan | LightGBM push | floor | ratio | whole stage | load (1, 5, 15 min) before / after |");
        Line("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        cliRows.ForEach(Line);
        if (predictRows.Count > 0)
        {
            Line(string.Empty);
            Line("## lightgbm.predict through the CLI");
            Line(string.Empty);
            Line("| layout | data | rows | stage | rows/s | peak RSS | load |");
            Line("| --- | --- | --- | --- | --- | --- | --- |");
            predictRows.ForEach(Line);
        }

        if (readerRows.Count > 0)
        {
            Line(string.Empty);
            Line("## Readers: every feature value of the file as int8 blocks");
            Line(string.Empty);
            Line("| layout | reader | read | wall | CPU | peak RSS | load |");
            Line("| --- | --- | --- | --- | --- | --- | --- |");
            readerRows.ForEach(Line);
        }

        var path = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"results-{rows}x{features}.md"));
        await File.WriteAllTextAsync(path, report.ToString());
        Console.WriteLine($"written {path}");
        return 0;
    }

    private static string FindRepo()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NumeraiPipeline.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("run the benchmark from the repository (NumeraiPipeline.sln not found above the current folder)");
    }
}
