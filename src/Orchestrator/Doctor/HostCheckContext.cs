using Microsoft.Extensions.Logging;
using NumeraiPipeline.Orchestrator.Execution;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Doctor;

/// <summary>The host's CheckContext: one per stage checked; facts about outputs are shared by the whole doctor run.</summary>
internal sealed class HostCheckContext(
    string pipelineName,
    string stageId,
    string workspace,
    ILogger logger,
    ISecretStore secrets,
    TimeProvider time,
    Func<string, string?> environment,
    IReadOnlyDictionary<string, IReadOnlyList<(string Stage, string Output)>> references,
    Dictionary<(string Stage, string Output, string Key), string> facts) : CheckContext
{
    public override string PipelineName => pipelineName;

    public override string StageId => stageId;

    public override string WorkspaceDirectory => workspace;

    public override ILogger Logger => logger;

    public override ISecretStore Secrets => secrets;

    public override TimeProvider Time => time;

    public override IReadOnlyCollection<string> DeferredOptions => [.. references.Keys];

    public override string? SourceStageOf(string option) =>
        references.TryGetValue(option, out var list) && list.Count > 0 ? list[0].Stage : null;

    public override void SetOutputFact(string output, string key, string value) => facts[(stageId, output, key)] = value;

    public override string? GetInputFact(string option, string key) =>
        references.TryGetValue(option, out var list) && list.Count == 1 && facts.TryGetValue((list[0].Stage, list[0].Output, key), out var value)
            ? value
            : null;

    public override string? GetEnvironmentVariable(string name) => environment(name);

    public override HttpClient CreateHttpClient(HttpRetryOptions? options = null) =>
        new(new RetryHandler(options ?? new HttpRetryOptions(), time)) { Timeout = Timeout.InfiniteTimeSpan };
}
