using System.Globalization;
using System.Text.Json;
using NumeraiPipeline.Orchestrator.Execution;
using NumeraiPipeline.Sdk;
using Spectre.Console;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>Stage lines while a run goes, the outcome table at the end, and the --json form of a run.</summary>
internal sealed class ConsoleRenderer(CliSession session)
{
    private readonly IAnsiConsole console = CreateConsole(session.Output);

    private static IAnsiConsole CreateConsole(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        var width = 160;
        try
        {
            if (!Console.IsOutputRedirected && Console.WindowWidth > 40)
            {
                width = Console.WindowWidth;
            }
        }
        catch (IOException)
        {
        }

        console.Profile.Width = width;
        return console;
    }

    public static string Symbol(StageOutcome outcome) => outcome switch
    {
        StageOutcome.Succeeded => "ok",
        StageOutcome.UpToDate => "up-to-date",
        StageOutcome.Declined => "declined",
        StageOutcome.Failed => "FAILED",
        StageOutcome.Skipped => "skipped",
        _ => "cancelled",
    };

    public void StageFinished(StageRecord record)
    {
        if (session.Settings.Json)
        {
            return;
        }

        var detail = record.Outcome switch
        {
            StageOutcome.Failed => $": error {record.Code}: {record.Message}",
            StageOutcome.Declined => $": {record.Code}: {record.Message}",
            StageOutcome.Skipped or StageOutcome.Cancelled => $": {record.Message}",
            _ => "",
        };
        if (session.Settings.LogFormat == Telemetry.LogFormat.Json)
        {
            // One structured record per stage, with the outcome as labels, instead of a plain line.
            var level = record.Outcome == StageOutcome.Failed ? Microsoft.Extensions.Logging.LogLevel.Error : record.Outcome == StageOutcome.Declined ? Microsoft.Extensions.Logging.LogLevel.Warning : Microsoft.Extensions.Logging.LogLevel.Information;
            Microsoft.Extensions.Logging.LoggerExtensions.Log(outcomeLogger, level, "stage '{Stage}' ({Type}) {Outcome} in {Seconds} s{Detail}", record.StageId, record.StageType, Symbol(record.Outcome), Math.Round(record.Duration.TotalSeconds, 1), detail);
            return;
        }

        session.Error.WriteLine(session.Secrets.Redact($"stage '{record.StageId}' ({record.StageType}) {Symbol(record.Outcome)} in {record.Duration.TotalSeconds:0.0} s{detail}"));
    }

    private readonly Microsoft.Extensions.Logging.ILogger outcomeLogger = session.LoggerFactory.CreateLogger("NumeraiPipeline.Outcome");

    public void Outcome(RunResult result)
    {
        if (session.Settings.Json)
        {
            session.Output.WriteLine(JsonSerializer.Serialize(ToJson(result), JsonOptions));
            return;
        }

        var table = new Table().Border(TableBorder.Ascii).Title($"{result.PipelineName}: {result.Outcome} in {result.Duration.TotalSeconds:0.0} s (run {result.RunId})");
        table.AddColumn("stage");
        table.AddColumn("type");
        table.AddColumn("outcome");
        table.AddColumn(new TableColumn("duration").RightAligned());
        table.AddColumn("summary");
        foreach (var r in result.Stages)
        {
            var summary = r.Summary.Count > 0
                ? string.Join(", ", r.Summary.Select(kv => $"{kv.Key}={kv.Value}"))
                : r.Message ?? "";
            table.AddRow(Markup.Escape(r.StageId), Markup.Escape(r.StageType), Symbol(r.Outcome), r.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s", Markup.Escape(session.Secrets.Redact(summary)));
        }

        console.Write(table);
        var counts = result.Stages.GroupBy(s => s.Outcome).Select(g => $"{g.Count()} {Symbol(g.Key)}");
        session.Output.WriteLine(string.Join(", ", counts));
        var failed = result.Stages.FirstOrDefault(s => s.Outcome == StageOutcome.Failed);
        if (failed is not null)
        {
            session.Output.WriteLine($"Fix the failure of '{failed.StageId}' and run again: stages that are up to date are skipped, so the run resumes at '{failed.StageId}'.");
        }
    }

    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static object ToJson(RunResult result) => new
    {
        pipeline = result.PipelineName,
        runId = result.RunId,
        outcome = result.Outcome,
        exitCode = result.ExitCode,
        durationSeconds = Math.Round(result.Duration.TotalSeconds, 3),
        shard = CommandFactory.ShardJson(result.Shard),
        stages = result.Stages.Select(s => new
        {
            id = s.StageId,
            type = s.StageType,
            outcome = Telemetry.PipelineTelemetry.OutcomeName(s.Outcome),
            shard = result.Shard is { } split && split.Stages.TryGetValue(s.StageId, out var role) ? role.RoleName : null,
            durationSeconds = Math.Round(s.Duration.TotalSeconds, 3),
            code = s.Code,
            message = s.Message,
            reasons = s.Reasons.Select(r => r.ToJson(x => x)).ToList(),
            outputs = s.Outputs,
            summary = s.Summary,
        }).ToList(),
    };
}
