using NumeraiPipeline.Data.Bench;

// Usage:
//   dotnet run -c Release --project bench/Data.Bench -- read   [--rows 200000] [--features 700] [--dir DIR] [--keep]
//   dotnet run -c Release --project bench/Data.Bench -- signal [--rows 100000] [--features 200] [--eras 200] [--dir DIR]
var command = args.Length > 0 ? args[0] : "read";
var options = BenchArgs.Parse(args.Skip(1).ToArray());
return command switch
{
    "read" => await ReadBench.RunAsync(options),
    "signal" => await SignalCheck.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Data.Bench read|signal [--rows N] [--features N] [--eras N] [--dir DIR] [--keep]");
    return 2;
}
