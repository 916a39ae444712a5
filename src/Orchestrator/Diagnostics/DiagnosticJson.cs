using System.Text.RegularExpressions;

namespace NumeraiPipeline.Orchestrator.Diagnostics;

/// <summary>
/// The --json form of diagnostics: <c>{"valid": false, "exit_code": 2, "errors": [{"code", "severity", "file", "line",
/// "column", "message"}]}</c>; file, line and column are null when the origin is not a position in a file.
/// </summary>
internal static partial class DiagnosticJson
{
    public static object Document(IReadOnlyList<Diagnostic> diagnostics, int exitCode) => new
    {
        valid = false,
        exitCode,
        errors = diagnostics.Select(Entry).ToList(),
    };

    public static object Entry(Diagnostic d)
    {
        var m = Position().Match(d.Origin);
        return new
        {
            code = d.Code,
            severity = d.Severity == DiagnosticSeverity.Error ? "error" : "warning",
            file = m.Success ? m.Groups["file"].Value : (d.Origin.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || d.Origin.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) ? d.Origin : null),
            line = m.Success ? int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null,
            column = m.Success ? int.Parse(m.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture) : (int?)null,
            origin = d.Origin,
            message = d.Message,
        };
    }

    /// <summary>A diagnostic as one Cloud Logging structured line (for --log-format json).</summary>
    public static string LogLine(Diagnostic d, Exception? exception)
    {
        var record = new Dictionary<string, object?>
        {
            ["severity"] = d.Severity == DiagnosticSeverity.Error ? "ERROR" : "WARNING",
            ["message"] = d.Render(),
            ["time"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["logger"] = "numerai-pipeline",
            ["logging.googleapis.com/labels"] = new Dictionary<string, string> { ["code"] = d.Code, ["origin"] = d.Origin },
        };
        if (exception is not null)
        {
            record["exception"] = exception.ToString();
        }

        return System.Text.Json.JsonSerializer.Serialize(record);
    }

    [GeneratedRegex(@"^(?<file>.+)\((?<line>\d+),(?<column>\d+)\)$")]
    private static partial Regex Position();
}
