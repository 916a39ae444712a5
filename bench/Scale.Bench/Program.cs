using System.Globalization;
using NumeraiPipeline.Scale.Bench;

// Reader and dataset-construction benchmark at Numerai's width (issue 12). The one command:
//   dotnet run -c Release --project bench/Scale.Bench -- table --dir /tmp/np-scale [--rows 1000000] [--features 2748]
//       [--threads 2] [--trees 10] [--layouts a,b] [--skip-readers] [--skip-predict] [--no-build]
// generates the layouts once (DIR/<layout>/v5.2), then measures each in a process of its own: lightgbm.train and
// lightgbm.predict through the CLI, DuckDB's full scan and LightGBM's own push (the floor), and every reader's scan.
// The other modes are those child processes.
var mode = args.Length > 0 ? args[0] : "help";
string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

int IntArg(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

switch (mode)
{
    case "duckdb-floor":
        Floors.DuckDbScan(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        return 0;
    case "push-floor":
        Floors.Push(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
        return 0;
    case "read":
        Readers.Scan(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture), args[4]);
        return 0;
    case "table":
        return await Table.RunAsync(
            Arg("--dir", Path.Combine(Path.GetTempPath(), "np-scale")),
            IntArg("--rows", 1_000_000),
            IntArg("--features", 2748),
            IntArg("--threads", 2),
            IntArg("--trees", 10),
            Arg("--layouts", string.Join(',', BenchLayouts.All.Select(l => l.Name))).Split(','),
            args.Contains("--skip-readers"),
            args.Contains("--skip-predict"),
            !args.Contains("--no-build"));
    default:
        Console.Error.WriteLine("usage: table --dir DIR [--rows N] [--features N] [--threads N] [--trees N] [--layouts a,b] [--skip-readers] [--skip-predict] [--no-build]");
        return 2;
}
