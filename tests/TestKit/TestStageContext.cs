using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestKit;

/// <summary>
/// A StageContext for unit tests of a stage class without the orchestrator: real files in a temporary workspace,
/// atomic outputs, a logger that records lines, a secret store over a dictionary.
/// </summary>
public sealed class TestStageContext : StageContext, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> summary = new();
    private readonly List<IAsyncDisposable> resources = [];
    private NumeraiPipeline.Storage.StoreLeases? leases;

    public TestStageContext(string workspace, string stageId = "stage", IDictionary<string, string>? secrets = null, TimeProvider? time = null, string stageType = "test.stage")
    {
        StageType = stageType;
        WorkspaceDirectory = workspace;
        StageId = stageId;
        ScratchDirectory = Path.Combine(workspace, "scratch", stageId);
        Directory.CreateDirectory(ScratchDirectory);
        TestOutputs = new TestStageOutputs(Path.Combine(workspace, "artifacts", stageId));
        TestSecrets = new DictionarySecretStore(secrets ?? new Dictionary<string, string>());
        Time = time ?? TimeProvider.System;
        Logger = new RecordingLogger(LogLines, TestSecrets);
    }

    public List<string> LogLines { get; } = [];

    public List<StageProgress> ProgressReports { get; } = [];

    public TestStageOutputs TestOutputs { get; }

    public DictionarySecretStore TestSecrets { get; }

    public IReadOnlyDictionary<string, string> SummaryValues => summary;

    public List<StageSnapshot> FinishedStages { get; } = [];

    /// <summary>The stage type, which names the state folder.</summary>
    public string StageType { get; }

    /// <summary>How many times the stage called <see cref="SaveStateAsync"/>.</summary>
    public int StateSaves { get; private set; }

    /// <summary>Leases live in the workspace, as in a run without a store; tests share one workspace to make executions race.</summary>
    public NumeraiPipeline.Storage.StoreLeases Leases => leases ??= new(new NumeraiPipeline.Storage.LocalDirectoryStore(WorkspaceDirectory), Time);

    public override string StateDirectory => Directory.CreateDirectory(Path.Combine(WorkspaceDirectory, "state", StageType)).FullName;

    public override Task SaveStateAsync(CancellationToken cancellationToken)
    {
        StateSaves++;
        return Task.CompletedTask;
    }

    public override async Task<StageLease?> TryAcquireLeaseAsync(string name, TimeSpan ttl, TimeSpan wait, CancellationToken cancellationToken) =>
        await Leases.TryAcquireAsync(name, $"test run {RunId}", ttl, wait, cancellationToken) is { } lease ? new TestLease(lease) : null;

    public override string RunId { get; } = Guid.NewGuid().ToString("N");

    public override string PipelineName { get; } = "test";

    public override string StageId { get; }

    public override string WorkspaceDirectory { get; }

    public override string ScratchDirectory { get; }

    public override IStageOutputs Outputs => TestOutputs;

    public override ILogger Logger { get; }

    public override ActivitySource ActivitySource { get; } = new("NumeraiPipeline.Orchestrator");

    public override IProgress<StageProgress> Progress => new SyncProgress(ProgressReports);

    public override ISecretStore Secrets => TestSecrets;

    public override TimeProvider Time { get; }

    public override RunSnapshot Run => new(PipelineName, RunId, DateTimeOffset.UnixEpoch, FinishedStages);

    public override HttpClient CreateHttpClient(HttpRetryOptions? options = null) =>
        new() { Timeout = options?.AttemptTimeout ?? TimeSpan.FromSeconds(100) };

    public override void AddSummary(string key, string value) => summary[key] = value;

    public override void RegisterRunResource(IAsyncDisposable resource) => resources.Add(resource);

    public async ValueTask DisposeAsync()
    {
        foreach (var r in resources)
        {
            await r.DisposeAsync();
        }
    }

    private sealed class TestLease(NumeraiPipeline.Storage.StoreLease lease) : StageLease
    {
        public override string Name => lease.Name;

        public override DateTimeOffset ExpiresAt => lease.ExpiresAt;

        public override Task<bool> RenewAsync(TimeSpan ttl, CancellationToken cancellationToken) => lease.RenewAsync(ttl, cancellationToken);

        public override ValueTask DisposeAsync() => lease.DisposeAsync();
    }

    private sealed class SyncProgress(List<StageProgress> sink) : IProgress<StageProgress>
    {
        public void Report(StageProgress value)
        {
            lock (sink)
            {
                sink.Add(value);
            }
        }
    }
}
