using System.Globalization;
using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>
/// What <c>numerai-pipeline doctor</c> checks before training: LightGBM's native library and its OpenMP runtime
/// load, and the memory training needs (from the measured cost per value, README "Numerai's full train set") fits
/// this machine's.
/// </summary>
public sealed partial class TrainStage : IStageCheck<TrainOptions>
{
    /// <summary>LightGBM's Dataset holds one byte per value (measured 1.003, README); the rest of the peak is about 0.5 GiB.</summary>
    internal const double BytesPerValue = 1.0;

    internal const long BaseBytes = 512L << 20;

    /// <inheritdoc />
    public async Task<IReadOnlyList<CheckResult>> CheckAsync(CheckContext context, TrainOptions options, CancellationToken cancellationToken)
    {
        var rows = Fact(context.GetInputFact("data", "rows")) ?? (options.Data is { Exists: true } data ? await ParquetRowsAsync(data.Path, cancellationToken) : null);
        return [NativeLibrary(), Memory(context, options, rows, AvailableMemory())];
    }

    /// <summary>Loads lib_lightgbm by calling into it; the OpenMP runtime it links is then in the process's maps.</summary>
    internal static CheckResult NativeLibrary()
    {
        const string Name = "lightgbm native library";
        try
        {
            _ = Lgbm.LastError();
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException or EntryPointNotFoundException)
        {
            var openMp = ex.Message.Contains("gomp", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("libomp", StringComparison.OrdinalIgnoreCase);
            return CheckResult.Failed(
                Name,
                $"lib_lightgbm could not be loaded: {ex.Message.TrimEnd('.')}",
                openMp
                    ? "Install the OpenMP runtime LightGBM links: apt-get install libgomp1 (Debian, Ubuntu), dnf install libgomp (Fedora), brew install libomp (macOS)."
                    : "Reinstall numerai-pipeline (the plugin folder lacks runtimes/<platform>/native/lib_lightgbm), or use a platform LightGBM ships for (linux-x64, osx-x64, win-x64).");
        }

        var openmp = OpenMpRuntime();
        return CheckResult.Ok(Name, $"lib_lightgbm {Lgbm.Version} loads" + (openmp is null ? "" : $", OpenMP runtime {openmp}"));
    }

    /// <summary>The training set's values (rows after era_stride x features of the feature set) against the memory available.</summary>
    internal static CheckResult Memory(CheckContext context, TrainOptions options, long? rows, (long Limit, long? Available) memory)
    {
        const string Name = "memory for training";
        var features = Fact(context.GetInputFact("features", "feature_set." + options.FeatureSet))
            ?? (context.SourceStageOf("features") is null && options.Features is null ? Fact(context.GetInputFact("data", "features")) : null);
        var room = memory.Available is { } a ? Math.Min(a, memory.Limit) : memory.Limit;
        if (rows is null || features is null)
        {
            var from = context.SourceStageOf("data") is { } stage ? $"the training data come from stage '{stage}'" : "the training data are not there yet";
            var fits = (long)((room - BaseBytes) / BytesPerValue);
            return CheckResult.Skipped(Name, $"{from} and their size is unknown before the run; {Bytes(room)} available fits about {fits / 1e9:0.0} G values (rows x features) at {BytesPerValue:0.0} byte each");
        }

        var kept = (long)Math.Ceiling(rows.Value / (double)Math.Max(1, options.EraStride));
        var need = (long)(kept * features.Value * BytesPerValue) + BaseBytes;
        var detail = string.Create(CultureInfo.InvariantCulture, $"about {Bytes(need)} for {kept:N0} rows{(options.EraStride > 1 ? $" (era_stride {options.EraStride} of {rows:N0})" : "")} x {features:N0} features ({options.FeatureSet}); {Bytes(memory.Limit)} memory, {(memory.Available is { } av ? Bytes(av) : "?")} available now");
        const string Fix = "Use a smaller feature_set or a larger era_stride, or a machine (job_memory) with more memory.";
        return need > memory.Limit
            ? CheckResult.Failed(Name, detail, Fix)
            : need > room
                ? CheckResult.Warning(Name, detail + ": other processes use the rest now", "Stop other memory-hungry processes before the run, or: " + Fix)
                : CheckResult.Ok(Name, detail);
    }

    /// <summary>The memory the process may use (the GC's limit: physical memory or the container's) and what is free now.</summary>
    private static (long Limit, long? Available) AvailableMemory()
    {
        var limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        long? available = null;
        try
        {
            var line = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib))
            {
                available = kib * 1024;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux: only the limit is known.
        }

        return (limit, available);
    }

    private static string? OpenMpRuntime()
    {
        try
        {
            return File.ReadLines("/proc/self/maps")
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
                .FirstOrDefault(p => p.Contains("libgomp", StringComparison.Ordinal) || p.Contains("libomp", StringComparison.Ordinal) || p.Contains("libiomp", StringComparison.Ordinal));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task<long?> ParquetRowsAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            await using var reader = await Parquet.ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
            return reader.Metadata?.NumRows;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? Fact(string? text) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string Bytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB");
}
