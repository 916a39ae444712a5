using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Input;

/// <summary>Reads only the needed columns of a parquet or CSV file (chosen by the file extension).</summary>
internal static class TableReader
{
    public static async Task<ColumnTable> ReadAsync(string path, string what, IReadOnlyList<string> numbers, bool era = false, IReadOnlyList<string>? features = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new StageException(MetricsErrors.InputUnreadable, $"{what} file '{path}' does not exist. Check the stage's {what} option or the stage that produces it.");
        }

        return IsCsv(path)
            ? CsvTableReader.Read(path, what, numbers, era, features)
            : await ParquetTableReader.ReadAsync(path, what, numbers, era, features, cancellationToken);
    }

    /// <summary>The column names of the file.</summary>
    public static async Task<IReadOnlyList<string>> ColumnsAsync(string path, CancellationToken cancellationToken) =>
        IsCsv(path)
            ? (File.ReadLines(path).FirstOrDefault() ?? "").Split(',').Select(h => h.Trim().Trim('"')).ToArray()
            : await ParquetTableReader.ColumnsAsync(path, cancellationToken);

    private static bool IsCsv(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase);
}
