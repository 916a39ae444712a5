using System.CommandLine;
using System.Text.Json;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Incremental;

namespace NumeraiPipeline.Orchestrator.Cli;

internal sealed partial class CommandFactory
{
    public static readonly Option<bool> Check = new("--check") { Description = "Question mode: exit 1 when any stage would run, 0 when everything is up to date" };

    public Command Plan()
    {
        var command = new Command("plan", "Show the stages in order, by level, and whether each will run (with the reason) or is up to date") { CommonOptions.Pipeline, Check, Force };
        command.SetAction(parse =>
        {
            using var session = Session(parse);
            var plan = session.Plan(parse.GetValue(CommonOptions.Pipeline)!);
            var (forceAll, forceStages) = ForcedStages(plan, parse);
            var verdicts = PlanVerdicts.Compute(plan, session.Workspace, session.Secrets, forceAll, forceStages);
            var anyRun = verdicts.Values.Any(v => v.Count > 0);
            if (session.Settings.Json)
            {
                var json = new
                {
                    pipeline = plan.Pipeline.Name,
                    upToDate = !anyRun,
                    stages = plan.Stages.Select(s => new
                    {
                        id = s.Id,
                        type = s.Descriptor.Id,
                        level = s.Level,
                        needs = s.Dependencies,
                        when = s.Definition.When,
                        willRun = verdicts[s.Id].Count > 0,
                        reasons = verdicts[s.Id].Select(r => r.ToJson(session.Secrets.Redact)).ToList(),
                    }).ToList(),
                };
                session.Output.WriteLine(JsonSerializer.Serialize(json, ConsoleRenderer.JsonOptions));
            }
            else
            {
                session.Output.WriteLine($"pipeline '{plan.Pipeline.Name}': {plan.Stages.Count} stages in {plan.Levels.Count()} levels");
                foreach (var level in plan.Levels)
                {
                    session.Output.WriteLine($"level {level.Key}:");
                    foreach (var s in level)
                    {
                        var v = verdicts[s.Id];
                        var verdict = v.Count == 0 ? "up to date" : "will run: " + string.Join("; ", v);
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
