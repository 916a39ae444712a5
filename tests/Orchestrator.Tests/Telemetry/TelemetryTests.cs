using System.Collections.Concurrent;
using System.Diagnostics;

namespace NumeraiPipeline.Orchestrator.Tests.Telemetry;

/// <summary>The span tree of a run, its attributes, error status, and that no secret reaches a span, log, plan or error.</summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly PipelineFiles files = new();
    private readonly ConcurrentBag<Activity> spans = [];
    private readonly ActivityListener listener;

    public TelemetryTests()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "NumeraiPipeline.Orchestrator",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public void Dispose()
    {
        listener.Dispose();
        files.Dispose();
    }

    private List<Activity> SpansOf(string pipeline)
    {
        var traces = spans.Where(s => s.OperationName == "pipeline.run" && (string?)s.GetTagItem("pipeline.name") == pipeline).Select(s => s.TraceId).ToHashSet();
        return spans.Where(s => traces.Contains(s.TraceId)).ToList();
    }

    [Fact]
    public async Task A_run_makes_pipeline_run_then_stage_spans_then_the_plugins_own_spans_with_attributes()
    {
        var name = "spans-" + Guid.NewGuid().ToString("N")[..6];
        var p = files.Write("spans.yaml", $"name: {name}\nstages:\n  first: {{ uses: test.echo, with: {{ message: hi }} }}\n  second: {{ uses: test.fail, needs: [first], with: {{ message: broke }} }}\n");

        (await files.RunAsync(p)).ExitCode.ShouldBe(1);

        var tree = SpansOf(name);
        tree.Count(s => s.OperationName == "pipeline.run").ShouldBe(1);
        var root = tree.Single(s => s.OperationName == "pipeline.run");
        root.GetTagItem("pipeline.outcome").ShouldBe("failed");
        root.Status.ShouldBe(ActivityStatusCode.Error);
        var first = tree.Single(s => s.OperationName == "stage first");
        first.ParentSpanId.ShouldBe(root.SpanId);
        first.GetTagItem("stage.id").ShouldBe("first");
        first.GetTagItem("stage.type").ShouldBe("test.echo");
        first.GetTagItem("stage.plugin.version").ShouldNotBeNull();
        first.GetTagItem("stage.outcome").ShouldBe("succeeded");
        var echo = tree.Single(s => s.OperationName == "echo");
        echo.ParentSpanId.ShouldBe(first.SpanId);
        var second = tree.Single(s => s.OperationName == "stage second");
        second.Status.ShouldBe(ActivityStatusCode.Error);
        second.StatusDescription.ShouldBe("broke");
        second.GetTagItem("error.code").ShouldBe("TST0001");
        second.Events.ShouldContain(e => e.Name == "exception");

        (await files.RunAsync(p)).ExitCode.ShouldBe(1);
        SpansOf(name).ShouldNotBeEmpty();
        spans.Where(s => s.OperationName == "stage first" && (string?)s.GetTagItem("stage.outcome") == "up-to-date").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_secret_value_appears_in_no_span_log_line_plan_output_or_error()
    {
        const string variable = "NP_TELEMETRY_TEST_TOKEN";
        const string secret = "s3cr3t-VALUE-0f9a8b7c";
        var env = new Dictionary<string, string> { [variable] = secret };
        {
            var name = "secret-" + Guid.NewGuid().ToString("N")[..6];
            var p = files.Write("secret.yaml", $$"""
                name: {{name}}
                stages:
                  echo:
                    uses: test.echo
                    with: { message: "token ${secrets.{{variable}}}" }
                  fail:
                    uses: test.fail
                    needs: [echo]
                    with: { message: "auth failed", secret: "${secrets.{{variable}}}" }
                """);

            var run = await files.RunAsync(env, p, "--verbose");
            var json = await files.RunAsync(env, p, "--json", "--force");
            var plan = await TestRepo.RunCliAsync(env, CancellationToken.None, "plan", p, "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace);
            var planJson = await TestRepo.RunCliAsync(env, CancellationToken.None, "plan", p, "--json", "--plugins", TestRepo.TestPlugins, "--no-builtin-plugins", "--workspace", files.Workspace);
            var jsonLogs = await files.RunAsync(env, p, "--log-format", "json", "--force");

            run.ExitCode.ShouldBe(1);
            run.Error.ShouldContain("auth failed (token ***)");
            foreach (var text in new[] { run.Output, run.Error, json.Output, json.Error, plan.Output, plan.Error, planJson.Output, jsonLogs.Error })
            {
                text.ShouldNotContain(secret);
            }

            foreach (var span in SpansOf(name))
            {
                foreach (var tag in span.TagObjects)
                {
                    (tag.Value?.ToString() ?? "").ShouldNotContain(secret);
                }

                (span.StatusDescription ?? "").ShouldNotContain(secret);
                foreach (var e in span.Events)
                {
                    foreach (var tag in e.Tags)
                    {
                        (tag.Value?.ToString() ?? "").ShouldNotContain(secret);
                    }
                }
            }

            spans.ShouldContain(s => s.OperationName == "echo" && (string?)s.GetTagItem("echo.message") == "token ***");
            foreach (var file in Directory.EnumerateFiles(Path.Combine(files.Workspace, "stamps"), "*", SearchOption.AllDirectories))
            {
                File.ReadAllText(file).ShouldNotContain(secret);
            }
        }
    }

    [Fact]
    public async Task Json_logs_are_cloud_logging_structured_lines_with_trace_ids()
    {
        var p = files.Write("log.yaml", "name: jsonlog\nstages:\n  first: { uses: test.echo, with: { message: hi } }\n");

        var result = await files.RunAsync(p, "--log-format", "json");

        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).ToList();
        lines.ShouldNotBeEmpty();
        var echo = lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).First(e => e.GetProperty("message").GetString() == "Echo hi");
        echo.GetProperty("severity").GetString().ShouldBe("INFO");
        echo.GetProperty("stage").GetString().ShouldBe("first");
        echo.GetProperty("logging.googleapis.com/trace").GetString()!.Length.ShouldBe(32);
        echo.GetProperty("logging.googleapis.com/spanId").GetString()!.Length.ShouldBe(16);
    }
}
