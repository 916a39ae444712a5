using System.Globalization;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Input;

/// <summary>Reads the needed columns of a comma-separated file with a header row (ids, eras, numbers, byte features).</summary>
internal static class CsvTableReader
{
    /// <summary>Reads <paramref name="numbers"/> (and the era and features when asked) by header name.</summary>
    public static ColumnTable Read(string path, string what, IReadOnlyList<string> numbers, bool era = false, IReadOnlyList<string>? features = null)
    {
        using var reader = new StreamReader(path);
        var headerLine = reader.ReadLine() ?? throw MetricsErrors.InputUnreadable.Exception(what, Path.GetFileName(path), "is empty: a CSV file needs a header row");
        var header = headerLine.Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        int Find(string name)
        {
            var index = Array.IndexOf(header, name);
            if (index < 0)
            {
                throw MetricsErrors.MissingColumn.Exception(
                    what,
                    Path.GetFileName(path),
                    $"the column '{name}' (columns: {string.Join(", ", header.Take(12))}{(header.Length > 12 ? ", …" : "")})",
                    "Check the column options of the stage.");
            }

            return index;
        }

        var idIndex = Find("id");
        var eraIndex = era ? Find("era") : -1;
        var numberIndex = numbers.Select(Find).ToArray();
        var featureIndex = features?.Select(Find).ToArray() ?? [];
        var ids = new List<string>();
        var eras = new List<string>();
        var values = numbers.Select(_ => new List<double>()).ToArray();
        var bytes = new List<byte>();
        string? line;
        var lineNo = 1;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length < header.Length)
            {
                throw MetricsErrors.InputUnreadable.Exception(what, Path.GetFileName(path), $"cannot be read: line {lineNo} has {cells.Length} cells, the header has {header.Length}");
            }

            ids.Add(cells[idIndex].Trim().Trim('"'));
            if (era)
            {
                eras.Add(cells[eraIndex].Trim().Trim('"'));
            }

            for (var k = 0; k < numberIndex.Length; k++)
            {
                values[k].Add(ParseNumber(cells[numberIndex[k]], what, path, lineNo));
            }

            foreach (var f in featureIndex)
            {
                var d = ParseNumber(cells[f], what, path, lineNo);
                if (!(d >= 0 && d <= 127 && d == Math.Floor(d)))
                {
                    throw MetricsErrors.BadFeatureValue.Exception(what, Path.GetFileName(path), header[f], cells[f], $"line {lineNo}");
                }

                bytes.Add((byte)d);
            }
        }

        var table = new ColumnTable
        {
            Ids = [.. ids],
            Eras = era ? [.. eras] : null,
            Features = features is null || features.Count == 0 ? null : NumeraiPipeline.Numerai.Scoring.FeatureMatrix.FromRowMajor([.. bytes], features.Count),
            FeatureNames = features ?? [],
        };
        for (var k = 0; k < numbers.Count; k++)
        {
            table.Numbers[numbers[k]] = [.. values[k]];
        }

        return table;
    }

    private static double ParseNumber(string cell, string what, string path, int lineNo)
    {
        var s = cell.Trim().Trim('"');
        if (s.Length == 0 || s.Equals("nan", StringComparison.OrdinalIgnoreCase) || s.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw MetricsErrors.InputUnreadable.Exception(what, Path.GetFileName(path), $"cannot be read: line {lineNo}: '{s}' is not a number");
    }
}
