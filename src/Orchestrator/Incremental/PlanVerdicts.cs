using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Planning;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Incremental;

/// <summary>
/// What a run would do, without running anything: for each stage in plan order, up to date or will run with the
/// reasons. A stage whose dependency will run is reported as possibly running (early cutoff may still skip it).
/// External versions (e.g. the Numerai round) are not queried here: such stages show their last known version.
/// </summary>
internal static class PlanVerdicts
{
    public static IReadOnlyDictionary<string, IReadOnlyList<StaleReason>> Compute(ExecutionPlan plan, string workspace, ISecretStore secrets, bool forceAll, IReadOnlySet<string> forceStages)
    {
        var stamps = new StampStore(workspace, plan.Pipeline.Name);
        var hashes = new FileHashCache(Path.Combine(workspace, "cache", "file-hashes.json"));
        var verdicts = new Dictionary<string, IReadOnlyList<StaleReason>>(StringComparer.Ordinal);
        var outputs = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var stage in plan.Stages)
        {
            var willRunDeps = stage.Dependencies.Where(d => verdicts[d].Count > 0).ToList();
            var stamp = stamps.Read(stage.Id, out var stampProblem);
            if (stamp is not null)
            {
                outputs[stage.Id] = stamp.Outputs.ToDictionary(o => o.Key, o => o.Value.Kind == "file" ? Path.Combine(workspace, o.Value.Path!) : WorkspacePaths.Rebase(o.Value.Value ?? "", workspace), StringComparer.Ordinal);
            }

            if (willRunDeps.Count > 0)
            {
                var reasons = new List<StaleReason>();
                if (stamp is null)
                {
                    reasons.Add(stampProblem is null ? new StaleReason(StaleKind.NeverBuilt, "never built") : new StaleReason(StaleKind.StampUnreadable, stampProblem));
                }

                var names = willRunDeps.Select(d => $"'{d}'").ToList();
                var who = names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
                reasons.Add(new StaleReason(StaleKind.DependencyWillRun, $"will run if {who} change{(names.Count == 1 ? "s its" : " their")} outputs"));
                verdicts[stage.Id] = reasons;
                continue;
            }

            var resolver = new ValueResolver(plan.Pipeline, secrets, (s, o) => outputs.TryGetValue(s, out var m) && m.TryGetValue(o, out var v) ? v : null, plan.Environment);
            var diagnostics = new List<Diagnostic>();
            var bound = stage.Bound?.Options ?? OptionsBinder.Bind(stage.Definition, stage.Descriptor, resolver, diagnostics);
            if (bound is null)
            {
                verdicts[stage.Id] = [new StaleReason(StaleKind.InputsNotAvailable, "inputs not available yet")];
                continue;
            }

            var components = FingerprintCalculator.Compute(stage.Descriptor, bound, hashes, stage.Bound?.SecretValues ?? resolver.UsedSecretValues, stamp?.Components.ExternalVersion);
            verdicts[stage.Id] = UpToDateChecker.Check(stamp, components, workspace, hashes, forceAll || forceStages.Contains(stage.Id), stage.Definition.Cache == Definition.CacheMode.Never || stage.When.Kind is Definition.WhenKind.Always or Definition.WhenKind.Failure, stampProblem);
        }

        return verdicts;
    }
}
