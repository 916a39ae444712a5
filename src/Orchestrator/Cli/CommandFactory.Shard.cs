using System.CommandLine;
using System.Globalization;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Execution;
using NumeraiPipeline.Orchestrator.Planning;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>--shard I/N: one task of a run spread over many processes or machines, sharing work through the store.</summary>
internal sealed partial class CommandFactory
{
    public static readonly Option<string?> Shard = new("--shard") { Description = "Run as task I of N (1-based, e.g. 2/10): this task's share of the matrix instances and 'shard: true' stages, plus what they need upstream; the fan-in is left to a run without --shard. Default: CLOUD_RUN_TASK_INDEX/CLOUD_RUN_TASK_COUNT, or JOB_COMPLETION_INDEX with --shard-count" };
    public static readonly Option<int?> ShardCount = new Option<int?>("--shard-count") { Description = "The task count for an index from JOB_COMPLETION_INDEX (Kubernetes indexed jobs); default NUMERAI_PIPELINE_SHARD_COUNT" }.InRange(1, ShardSpec.MaxCount);
    public static readonly Option<TimeSpan?> ShardWait = new Option<TimeSpan?>("--shard-wait") { Description = "How long a task waits for a stage another task is running (the download) before failing with NP6761, e.g. 02:00:00 (the default)" }.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
    public static readonly Option<TimeSpan?> ShardPoll = new Option<TimeSpan?>("--shard-poll") { Description = "How often a waiting task looks for that stage's stamp in the store, e.g. 00:00:05 (the default)" }.InRange(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));

    /// <summary>The environment variable naming the execution a task belongs to when not on Cloud Run (the holder of its leases).</summary>
    public const string ShardExecutionVariable = "NUMERAI_PIPELINE_SHARD_EXECUTION";

    /// <summary>The plan split for this task, when --shard (or a job runner's task index) says this is one task of several.</summary>
    public static ExecutionPlan WithShard(ExecutionPlan plan, ParseResult parse)
    {
        var spec = ShardSpec.Resolve(parse.GetValue(Shard), parse.GetValue(ShardCount), plan.Environment);
        return spec is null ? plan : plan with { Shard = ShardPlanner.Split(plan, spec) };
    }

    /// <summary>A task of a sharded run needs a store all tasks share: without one each would redo the shared work.</summary>
    public static ShardRunOptions? ShardRunOptions(CliSession session, ExecutionPlan plan, ParseResult parse, RunStore store)
    {
        if (plan.Shard is not { } shard)
        {
            return null;
        }

        if (store.Remote is null)
        {
            throw new PipelineException(DiagnosticCodes.BadShard.Create("numerai-pipeline", $"task {shard.Spec} of a sharded run needs a store the tasks share: pass --store gs://BUCKET/PREFIX or a folder (or set {NumeraiPipeline.Storage.RemoteStores.EnvironmentVariable})."));
        }

        var execution = session.Environment("CLOUD_RUN_EXECUTION") ?? session.Environment(ShardExecutionVariable)
            ?? string.Create(CultureInfo.InvariantCulture, $"{System.Environment.MachineName} pid {System.Environment.ProcessId}");
        return new ShardRunOptions
        {
            Holder = $"task {shard.Spec} of execution {execution}",
            Wait = parse.GetValue(ShardWait) ?? Execution.ShardRunOptions.DefaultWait,
            Poll = parse.GetValue(ShardPoll) ?? Execution.ShardRunOptions.DefaultPoll,
        };
    }

    /// <summary>The --json form of a task's split (null for an ordinary run).</summary>
    public static object? ShardJson(ShardPlan? shard) => shard is null ? null : new
    {
        index = shard.Spec.Index,
        count = shard.Spec.Count,
        assigned = shard.With(ShardRole.Assigned).ToList(),
        upstream = shard.With(ShardRole.Upstream).ToList(),
        skippedNotMine = shard.With(ShardRole.NotMine).ToList(),
    };
}
