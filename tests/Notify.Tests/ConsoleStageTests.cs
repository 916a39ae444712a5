using System.Text.Json;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Plugins.Notify.Tests;

public sealed class ConsoleStageTests
{
    [Fact]
    public async Task Prints_one_line_per_stage_with_values_and_cause()
    {
        using var workspace = new TempWorkspace();
        await using var context = new TestStageContext(workspace.Path, "print");
        Runs.AddFailedSubmission(context);
        var output = new StringWriter();

        await new ConsoleStage(output).RunAsync(context, new ConsoleOptions(), CancellationToken.None);

        var lines = output.ToString().Split('\n');
        lines[0].ShouldBe("test: FAILED (round 1234)");
        lines[1].ShouldBe($"run {context.RunId}, started 1970-01-01 00:00:00 UTC");
        lines[2].ShouldBe("- download (numerai.download): up-to-date in 200 ms");
        lines[3].ShouldBe("    round=1234, rows=5000");
        lines.ShouldContain("- submit (numerai.submit): failed in 3.0 s");
        lines.ShouldContain("    NP6302: the round 1234 closed at 13:00 UTC <before> the upload & check");
    }

    [Fact]
    public async Task Json_format_prints_the_webhook_body()
    {
        using var workspace = new TempWorkspace();
        await using var context = new TestStageContext(workspace.Path, "print");
        context.FinishedStages.Add(Runs.Stage("gate", "numerai.gate", StageOutcome.Declined, 0.01, message: "corr below 0.01", code: "NP6210"));
        var output = new StringWriter();

        await new ConsoleStage(output).RunAsync(context, new ConsoleOptions { Format = "json" }, CancellationToken.None);

        using var json = JsonDocument.Parse(output.ToString());
        json.RootElement.GetProperty("status").GetString().ShouldBe("declined");
        json.RootElement.GetProperty("round").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Redacts_secrets_that_reached_a_stage_message()
    {
        using var workspace = new TempWorkspace();
        await using var context = new TestStageContext(workspace.Path, "print", new Dictionary<string, string> { ["NUMERAI_SECRET_KEY"] = "SECRETKEY123456" });
        context.Secrets.Get("NUMERAI_SECRET_KEY");
        context.FinishedStages.Add(Runs.Stage("submit", "numerai.submit", StageOutcome.Failed, 1, message: "bad key SECRETKEY123456", code: "NP6301"));
        var output = new StringWriter();

        await new ConsoleStage(output).RunAsync(context, new ConsoleOptions(), CancellationToken.None);

        output.ToString().ShouldContain("NP6301: bad key ***");
        output.ToString().ShouldNotContain("SECRETKEY123456");
    }
}
