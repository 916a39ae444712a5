using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Orchestrator.Telemetry;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>The host's StageContext: one per stage execution.</summary>
internal sealed partial class HostStageContext(
    string runId,
    string pipelineName,
    string stageId,
    string workspace,
    HostStageOutputs outputs,
    ILogger logger,
    ISecretStore secrets,
    TimeProvider time,
    Func<RunSnapshot> run,
    Action<IAsyncDisposable> registerResource,
    RunStore store,
    StateTracker state) : StageContext
{
    public ConcurrentDictionary<string, string> SummaryValues { get; } = new(StringComparer.Ordinal);

    public override string RunId => runId;

    public override string PipelineName => pipelineName;

    public override string StageId => stageId;

    public override string WorkspaceDirectory => workspace;

    public override string ScratchDirectory
    {
        get
        {
            var path = Path.Combine(workspace, "scratch", pipelineName, stageId);
            Directory.CreateDirectory(path);
            return path;
        }
    }

    public override IStageOutputs Outputs => outputs;

    public override ILogger Logger => logger;

    public override ActivitySource ActivitySource => PipelineTelemetry.Source;

    public override IProgress<StageProgress> Progress { get; } = new HostProgress(logger, time);

    public override ISecretStore Secrets => secrets;

    public override TimeProvider Time => time;

    public override RunSnapshot Run => run();

    public override HttpClient CreateHttpClient(HttpRetryOptions? options = null)
    {
        options ??= new HttpRetryOptions();
        return new HttpClient(new RetryHandler(options, time)) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public override void AddSummary(string key, string value) => SummaryValues[key] = secrets.Redact(value);

    public override void RegisterRunResource(IAsyncDisposable resource) => registerResource(resource);
}
