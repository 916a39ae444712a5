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

    public Command Run()
    {
        var command = new Command("run", "Run a pipeline; stages that are up to date are skipped") { CommonOptions.Pipeline, Force, MaxParallel, Watch };
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
        var storeUri = session.Settings.Store ?? session.Environment(NumeraiPipeline.Storage.RemoteStores.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(storeUri))
        {
            // Artifacts and stamps live in the store too: pull what an earlier job stored, push each stage as it completes.
            var sync = new NumeraiPipeline.Storage.WorkspaceSync(NumeraiPipeline.Storage.RemoteStores.Create(storeUri.Trim()), session.LoggerFactory.CreateLogger("NumeraiPipeline.Store"));
            await sync.PullAsync(session.Workspace, plan.Pipeline.Name, token).ConfigureAwait(false);
            options = options with { OnStageCommitted = (paths, ct) => sync.PushAsync(session.Workspace, paths, ct) };
        }

        var result = await new PipelineExecutor(plan, options).RunAsync(token).ConfigureAwait(false);
        renderer.Outcome(result);
        return result;
    }

}
