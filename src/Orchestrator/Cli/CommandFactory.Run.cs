using System.CommandLine;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Execution;
using NumeraiPipeline.Orchestrator.Planning;

namespace NumeraiPipeline.Orchestrator.Cli;

internal sealed partial class CommandFactory
{
    public static readonly Option<string?> Force = new("--force") { Description = "Rerun every stage, or only STAGE with --force STAGE", Arity = ArgumentArity.ZeroOrOne };
    public static readonly Option<int?> MaxParallel = new Option<int?>("--max-parallel") { Description = "Stages run at once (default: the number of cores)" }.InRange(1, 1024);
    public static readonly Option<bool> Watch = new("--watch") { Description = "Stay running: rerun when a plugin or the pipeline file changes, hot-swapping plugins" };
    public static readonly Option<TimeSpan?> StoreBudget = new Option<TimeSpan?>("--store-budget") { Description = "How long each operation on the --store is retried (backoff) before the run fails with NP6756, e.g. 00:01:00 (default 60 s)" }.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));

    public Command Run()
    {
        var command = new Command("run", "Run a pipeline; stages that are up to date are skipped") { CommonOptions.Pipeline, Force, MaxParallel, Watch, StoreBudget };
        command.SetAction(async (parse, token) =>
        {
            using var session = Session(parse);
            var name = parse.GetValue(CommonOptions.Pipeline)!;
            if (parse.GetValue(Watch))
            {
                return await new WatchLoop(session, name).RunAsync(parse, Link(token)).ConfigureAwait(false);
            }

            var plan = session.Plan(name);
            var result = await ExecuteAsync(session, plan, parse, Link(token)).ConfigureAwait(false);
            return result.ExitCode;
        });
        return command;
    }

    public static RunOptions BuildRunOptions(CliSession session, ExecutionPlan plan, ParseResult parse, ConsoleRenderer renderer)
    {
        var (forceAll, forceStages) = ForcedStages(plan, parse);
        var maxParallel = parse.GetValue(MaxParallel);
        if (maxParallel is < 1)
        {
            throw new PipelineException(DiagnosticCodes.BadArgument.Create("numerai-pipeline", $"--max-parallel must be at least 1, not {maxParallel}."));
        }

        return new RunOptions
        {
            Workspace = session.Workspace,
            MaxParallel = maxParallel ?? Math.Max(1, System.Environment.ProcessorCount),
            ForceAll = forceAll,
            ForceStages = forceStages,
            LoggerFactory = session.LoggerFactory,
            Secrets = session.Secrets,
            OnStageFinished = renderer.StageFinished,
        };
    }

    /// <summary>
    /// --force (every stage) or --force STAGE: a stage, every instance of a matrix stage (<c>train</c>), or the
    /// instances whose values match (<c>train[target=target]</c>); naming nothing the pipeline has is an exit-2 error.
    /// </summary>
    public static (bool All, IReadOnlySet<string> Stages) ForcedStages(ExecutionPlan plan, ParseResult parse)
    {
        var forceStage = parse.GetValue(Force);
        var forceAll = parse.GetResult(Force) is not null && string.IsNullOrEmpty(forceStage);
        var forceStages = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(forceStage))
        {
            forceStages.UnionWith(plan.Stages.Where(s => Selects(forceStage, s.Definition)).Select(s => s.Id));
            if (forceStages.Count == 0)
            {
                var names = plan.Stages.Select(s => s.Id).Concat(plan.Stages.Select(s => s.Definition.BaseId)).Distinct();
                throw new PipelineException(DiagnosticCodes.BadArgument.Create("numerai-pipeline", $"--force '{forceStage}': the pipeline has no such stage.{Suggestions.DidYouMean(forceStage, names)}"));
            }
        }

        return (forceAll, forceStages);
    }

    /// <summary>Whether a --force value names this stage: its id, its matrix stage's id, or some of its matrix values.</summary>
    public static bool Selects(string pattern, Definition.StageDefinition stage)
    {
        if (pattern == stage.Id || pattern == stage.BaseId)
        {
            return true;
        }

        var open = pattern.IndexOf('[', StringComparison.Ordinal);
        if (stage.Instance is not { } instance || open <= 0 || !pattern.EndsWith(']') || pattern[..open] != instance.BaseId)
        {
            return false;
        }

        return pattern[(open + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .All(kv => kv.Length == 2 && instance.Value(kv[0]) == kv[1]);
    }

    public static async Task<RunResult> ExecuteAsync(CliSession session, ExecutionPlan plan, ParseResult parse, CancellationToken token)
    {
        var renderer = new ConsoleRenderer(session);
        var options = BuildRunOptions(session, plan, parse, renderer);
        var store = CreateRunStore(session, parse, options.Time);
        // The executor pulls from the store under the workspace lock; each stage's outputs, stamp and state are pushed as it completes.
        options = options with { Store = store, OnStageCommitted = store.Remote is null ? null : store.PushAsync };

        var result = await new PipelineExecutor(plan, options).RunAsync(token).ConfigureAwait(false);
        renderer.Outcome(result);
        return result;
    }

    /// <summary>
    /// The run's durable side: the remote store of --store (else NUMERAI_PIPELINE_STORE), every operation retried within
    /// --store-budget; without one, leases in the workspace.
    /// </summary>
    public static RunStore CreateRunStore(CliSession session, ParseResult parse, TimeProvider time)
    {
        var logger = session.LoggerFactory.CreateLogger("NumeraiPipeline.Store");
        var storeUri = session.Settings.Store ?? session.Environment(NumeraiPipeline.Storage.RemoteStores.EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(storeUri))
        {
            return new RunStore(session.Workspace, null, time, logger);
        }

        var budget = parse.GetResult(StoreBudget) is null ? null : parse.GetValue(StoreBudget);

        var retry = new NumeraiPipeline.Storage.StoreRetryOptions { Budget = budget ?? NumeraiPipeline.Storage.StoreRetryOptions.DefaultBudget, Time = time };
        var remote = NumeraiPipeline.Storage.RemoteStores.Create(storeUri.Trim(), new NumeraiPipeline.Storage.RemoteStoreOptions { Environment = session.Environment, Retry = retry, Logger = logger });
        return new RunStore(session.Workspace, remote, time, logger);
    }

}
