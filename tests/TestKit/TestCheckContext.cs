using Microsoft.Extensions.Logging;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestKit;

/// <summary>
/// A CheckContext for unit tests of a stage's doctor check: environment and secrets from dictionaries, a clock of the
/// test's, options deferred to other stages and facts about their outputs given by the test.
/// </summary>
public sealed class TestCheckContext(string workspace, IDictionary<string, string>? secrets = null, TimeProvider? time = null, IDictionary<string, string>? environment = null) : CheckContext
{
    private readonly Dictionary<string, string> deferred = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Option, string Key), string> inputFacts = [];

    public List<string> LogLines { get; } = [];

    /// <summary>The facts the check recorded: (output, key) → value.</summary>
    public Dictionary<(string Output, string Key), string> OutputFacts { get; } = [];

    public DictionarySecretStore TestSecrets { get; } = new(secrets ?? new Dictionary<string, string>());

    public override string PipelineName => "test";

    public override string StageId => "stage";

    public override string WorkspaceDirectory => workspace;

    public override ILogger Logger => new RecordingLogger(LogLines, TestSecrets);

    public override ISecretStore Secrets => TestSecrets;

    public override TimeProvider Time => time ?? TimeProvider.System;

    public override IReadOnlyCollection<string> DeferredOptions => deferred.Keys;

    /// <summary>Makes an option's value come from a stage's output (as <c>${stages.STAGE.outputs.X}</c> would).</summary>
    public TestCheckContext Defer(string option, string stage)
    {
        deferred[option] = stage;
        return this;
    }

    /// <summary>A fact an upstream stage's check recorded about the output an option refers to.</summary>
    public TestCheckContext WithInputFact(string option, string key, string value)
    {
        inputFacts[(option, key)] = value;
        return this;
    }

    public override string? SourceStageOf(string option) => deferred.GetValueOrDefault(option);

    public override void SetOutputFact(string output, string key, string value) => OutputFacts[(output, key)] = value;

    public override string? GetInputFact(string option, string key) => inputFacts.GetValueOrDefault((option, key));

    public override string? GetEnvironmentVariable(string name) => environment?.TryGetValue(name, out var v) == true ? v : null;

    public override HttpClient CreateHttpClient(HttpRetryOptions? options = null) => new() { Timeout = TimeSpan.FromSeconds(30) };
}
