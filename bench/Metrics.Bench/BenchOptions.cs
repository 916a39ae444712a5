using System.Globalization;

namespace Metrics.Bench;

internal sealed record BenchOptions(int Eras, int RowsPerEra, int Features, int Threads, int NaiveFncEras, bool SkipNaive, bool SkipFnc, bool Parquet)
{
    public static BenchOptions Parse(string[] args)
    {
        int Int(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new BenchOptions(
            Int("--eras", 620),
            Int("--rows-per-era", 6290),
            Int("--features", 780),
            Int("--threads", 2),
            Int("--naive-fnc-eras", 2),
            args.Contains("--skip-naive"),
            args.Contains("--skip-fnc"),
            args.Contains("--parquet"));
    }
}
