using System.Text;
using System.Text.Json;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Doctor;

/// <summary>The doctor's verdict: the rows as a table (each failing or warning row with its fix), or one JSON document.</summary>
internal sealed record DoctorReport(string? Pipeline, IReadOnlyList<DoctorRow> Rows)
{
    public bool Ready => Rows.All(r => r.Result.Status != CheckStatus.Failed);

    public int ExitCode => Ready ? Diagnostics.ExitCodes.Success : Diagnostics.ExitCodes.Environment;

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine(Pipeline is null ? "numerai-pipeline doctor: this machine (give a pipeline to check its stages too)" : $"numerai-pipeline doctor: pipeline '{Pipeline}' on this machine");
        var nameWidth = Math.Min(40, Rows.Select(Name).DefaultIfEmpty("").Max(n => n.Length));
        foreach (var row in Rows)
        {
            text.Append("  ").Append(Status(row.Result.Status).PadRight(6)).Append(Name(row).PadRight(nameWidth)).Append("  ").AppendLine(row.Result.Detail);
            if (row.Result.Fix is { Length: > 0 } fix && row.Result.Status is CheckStatus.Failed or CheckStatus.Warning)
            {
                text.Append(' ', 8 + nameWidth).Append("fix: ").AppendLine(fix);
            }
        }

        int Count(CheckStatus s) => Rows.Count(r => r.Result.Status == s);
        text.Append(Ready ? "Ready" : "Not ready")
            .Append($": {Count(CheckStatus.Ok)} ok, {Count(CheckStatus.Warning)} warning{(Count(CheckStatus.Warning) == 1 ? "" : "s")}, {Count(CheckStatus.Failed)} failed, {Count(CheckStatus.Skipped)} not checkable before a run.");
        return text.ToString();
    }

    public string Json() => JsonSerializer.Serialize(
        new
        {
            pipeline = Pipeline,
            ready = Ready,
            exit_code = ExitCode,
            checks = Rows.Select(r => new
            {
                name = r.Result.Name,
                status = r.Result.Status.ToString().ToLowerInvariant(),
                detail = r.Result.Detail,
                fix = r.Result.Fix,
                stages = r.Stages,
            }),
        },
        Cli.ConsoleRenderer.JsonOptions);

    private static string Name(DoctorRow row) => row.Stages.Count == 0 ? row.Result.Name : $"{row.Result.Name} [{string.Join(", ", row.Stages)}]";

    private static string Status(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "ok",
        CheckStatus.Warning => "warn",
        CheckStatus.Failed => "FAIL",
        _ => "-",
    };
}
