using System.CommandLine;
using System.Text.Json;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Incremental;
using NumeraiPipeline.Orchestrator.Planning;

namespace NumeraiPipeline.Orchestrator.Cli;

internal sealed partial class CommandFactory
{
    public static readonly Option<bool> Check = new("--check") { Description = "Question mode: exit 1 when any stage would run, 0 when everything is up to date" };

    public Command Plan()
    {
        var command = new Command("plan", "Show the stages in order, by level, and whether each will run (with the reason) or is up to date") { CommonOptions.Pipeline, Check, Force, Shard, ShardCount };
        command.SetAction(parse =>
        {
            using var session = Session(parse);
            var plan = WithShard(session.Plan(parse.GetValue(CommonOptions.Pipeline)!), parse);
            var (forceAll, forceStages) = ForcedStages(plan, parse);
            var verdicts = PlanVerdicts.Compute(plan, session.Workspace, session.Secrets, forceAll, forceStages);
            bool Runs(string id) => plan.Shard?.Runs(id) ?? true;
            var anyRun = verdicts.Any(v => v.Value.Count > 0 && Runs(v.Key));
            if (session.Settings.Json)
            {
                var json = new
                {
                    pipeline = plan.Pipeline.Name,
                    upToDate = !anyRun,
                    shard = ShardJson(plan.Shard),
                    stages = plan.Stages.Select(s => new
                    {
                        id = s.Id,
                        type = s.Descriptor.Id,
                        level = s.Level,
                        needs = s.Dependencies,
                        when = s.Definition.When,
                        willRun = verdicts[s.Id].Count > 0 && Runs(s.Id),
                        shard = plan.Shard?.Stages[s.Id].RoleName,
                        shardTask = plan.Shard?.Stages[s.Id].Owner,
                        shardReason = plan.Shard?.Stages[s.Id].Reason,
                        reasons = verdicts[s.Id].Select(r => r.ToJson(session.Secrets.Redact)).ToList(),
                    }).ToList(),
                };
                session.Output.WriteLine(JsonSerializer.Serialize(json, ConsoleRenderer.JsonOptions));
            }
            else
            {
                session.Output.WriteLine($"pipeline '{plan.Pipeline.Name}': {plan.Stages.Count} stages in {plan.Levels.Count()} levels");
                if (plan.Shard is { } split)
                {
                    session.Output.WriteLine($"task {split.Spec}: {split.With(ShardRole.Assigned).Count()} assigned, {split.With(ShardRole.Upstream).Count()} upstream (done once across the tasks, under a store lease), {split.With(ShardRole.NotMine).Count()} left to other tasks or the gather (a run without --shard)");
                }

                foreach (var level in plan.Levels)
                {
                    session.Output.WriteLine($"level {level.Key}:");
                    foreach (var s in level)
                    {
                        var v = verdicts[s.Id];
                        var verdict = v.Count == 0 ? "up to date" : "will run: " + string.Join("; ", v);
                        if (plan.Shard?.Stages[s.Id] is { } role)
                        {
                            verdict = role.Role == ShardRole.NotMine ? $"{role.RoleName}: {role.Reason}" : $"{role.RoleName}, {verdict}";
                        }

                        var needs = s.Dependencies.Count > 0 ? $" needs {string.Join(", ", s.Dependencies)}" : "";
                        var when = s.Definition.When != "success" ? $" when {s.Definition.When}" : "";
                        session.Output.WriteLine(session.Secrets.Redact($"  {s.Id} ({s.Descriptor.Id}){needs}{when}: {verdict}"));
                    }
                }
            }

            return parse.GetValue(Check) && anyRun ? ExitCodes.StageFailed : ExitCodes.Success;
        });
        return command;
    }

    public Command Validate()
    {
        var command = new Command("validate", "Check a pipeline (syntax, keys, stage types, references, cycles, options) without running anything") { CommonOptions.Pipeline };
        command.SetAction(parse =>
        {
            using var session = Session(parse);
            var plan = session.Plan(parse.GetValue(CommonOptions.Pipeline)!);
            if (session.Settings.Json)
            {
                session.Output.WriteLine(JsonSerializer.Serialize(new { pipeline = plan.Pipeline.Name, valid = true, stages = plan.Stages.Count, errors = Array.Empty<string>() }, ConsoleRenderer.JsonOptions));
            }
            else
            {
                session.Output.WriteLine($"{Definition.SourceLocation.DisplayPath(plan.Pipeline.FilePath)}: pipeline '{plan.Pipeline.Name}' is valid ({plan.Stages.Count} stages).");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public Command List()
    {
        var command = new Command("list", "List the named pipelines: those in ./pipelines, then the built-in ones (a name in ./pipelines wins)");
        command.SetAction(parse =>
        {
            using var session = Session(parse);
            var pipelines = PipelineLocator.Entries();
            if (session.Settings.Json)
            {
                session.Output.WriteLine(JsonSerializer.Serialize(pipelines.Select(p => new { name = p.Name, path = p.Path, builtIn = p.BuiltIn }), ConsoleRenderer.JsonOptions));
                return 0;
            }

            foreach (var (name, path, builtIn) in pipelines)
            {
                string description;
                try
                {
                    description = Definition.PipelineLoader.Load(path).Description ?? "";
                }
                catch (PipelineException)
                {
                    description = "(invalid: run 'validate " + name + "')";
                }

                session.Output.WriteLine($"{name,-24} {(builtIn ? "built-in" : "./pipelines"),-12} {description}");
            }

            return 0;
        });
        return command;
    }
}
