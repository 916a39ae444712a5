using System.Globalization;
using System.Text;

namespace NumeraiPipeline.Numerai.Api;

/// <summary>
/// Reads and writes submission CSV files. Reading follows pandas' <c>read_csv</c> defaults where they matter for
/// Numerai's checks: a UTF-8 BOM, CRLF, blank lines skipped, quoted fields, pandas' NA markers, <c>1e-05</c> notation.
/// </summary>
public static class SubmissionCsv
{
    /// <summary>The strings pandas reads as NaN by default.</summary>
    private static readonly HashSet<string> NaMarkers =
    [
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None",
        "n/a", "nan", "null",
    ];

    /// <summary>Parses CSV text.</summary>
    /// <param name="text">The file's content.</param>
    /// <returns>The table, or an error text when the CSV cannot be tokenised (a row with more fields than the header).</returns>
    public static (SubmissionTable? Table, string? Error) Parse(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var rows = Tokenize(text);
        if (rows.Count == 0)
        {
            return (new SubmissionTable([], [], [], null), null);
        }

        var header = rows[0];
        var ids = new List<string?>(rows.Count);
        var values = new List<double?>(rows.Count);
        string? nonNumeric = null;
        for (var i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Count > header.Count)
            {
                return (null, $"Error tokenizing data. Expected {header.Count} fields in line {i + 1}, saw {row.Count}");
            }

            var id = row.Count > 0 ? row[0] : "";
            ids.Add(NaMarkers.Contains(id) ? null : id);
            var raw = row.Count > 1 ? row[1].Trim() : "";
            if (NaMarkers.Contains(raw))
            {
                values.Add(null);
            }
            else if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || TryParseInfinity(raw, out v))
            {
                values.Add(double.IsNaN(v) ? null : v);
            }
            else
            {
                // Kept as NaN (not null): pandas would keep the text, which is not an NA value.
                nonNumeric ??= raw;
                values.Add(double.NaN);
            }
        }

        return (new SubmissionTable(header, ids, values, nonNumeric), null);
    }

    /// <summary>Writes <c>id,prediction</c> rows with round-trip precision, LF line ends, no index column.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="ids">The ids.</param>
    /// <param name="predictions">The predictions.</param>
    /// <param name="column">The value column, <c>prediction</c> or <c>probability</c>.</param>
    public static void Write(string path, IReadOnlyList<string> ids, IReadOnlyList<double> predictions, string column = "prediction")
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.NewLine = "\n";
        writer.WriteLine("id," + column);
        for (var i = 0; i < ids.Count; i++)
        {
            writer.Write(ids[i]);
            writer.Write(',');
            writer.WriteLine(predictions[i].ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private static bool TryParseInfinity(string raw, out double value)
    {
        value = raw.ToLowerInvariant() switch
        {
            "inf" or "+inf" or "infinity" or "+infinity" => double.PositiveInfinity,
            "-inf" or "-infinity" => double.NegativeInfinity,
            _ => double.NaN,
        };
        return !double.IsNaN(value);
    }

    private static List<List<string>> Tokenize(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRow();
                    break;
                default:
                    field.Append(c);
                    fieldStarted = true;
                    break;
            }
        }

        EndRow();
        return rows;

        void EndRow()
        {
            if (fieldStarted || row.Count > 0)
            {
                row.Add(field.ToString());
                rows.Add(row);
            }

            row = [];
            field.Clear();
            fieldStarted = false;
        }
    }
}
