using NumeraiPipeline.Orchestrator.Definition;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Planning;

/// <summary>
/// The planner, a pure function of its inputs: checks stage types, needs and references, adds the implicit edges of
/// <c>${stages.X.outputs.Y}</c>, rejects cycles naming the whole chain, binds and validates every stage's options, and
/// orders the stages by levels. All problems are reported at once.
/// </summary>
internal static class PipelinePlanner
{
    /// <param name="environment">The environment variables ${env.*} read: an input like the rest, so planning stays pure.</param>
    public static ExecutionPlan Plan(PipelineDefinition pipeline, IReadOnlyDictionary<string, StageDescriptor> catalog, ISecretStore secrets, Func<string, string?> environment, IReadOnlyList<Diagnostic>? pluginDiagnostics = null)
    {
        var diagnostics = new List<Diagnostic>();
        pipeline = MatrixExpander.Expand(pipeline, diagnostics);
        var ids = pipeline.Stages.Select(s => s.Id).ToList();
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var resolver = new ValueResolver(pipeline, secrets, null, environment);
        var bound = new Dictionary<string, BoundOptions>(StringComparer.Ordinal);
        var spans = new List<(StageDefinition Stage, int Start, int End)>();

        foreach (var stage in pipeline.Stages)
        {
            var start = diagnostics.Count;
            var deps = new List<string>();
            edges[stage.Id] = deps;
            catalog.TryGetValue(stage.Uses, out var descriptor);
            if (descriptor is null && stage.Uses.Length > 0)
            {
                diagnostics.Add(DiagnosticCodes.UnknownStageType.Create(stage.UsesLocation.ToString(), stage.Id, stage.Uses, Suggestions.DidYouMean(stage.Uses, catalog.Keys)));
            }

            foreach (var (need, location) in stage.Needs)
            {
                if (need == stage.Id)
                {
                    diagnostics.Add(DiagnosticCodes.SelfNeed.Create(location.ToString(), stage.Id));
                }
                else if (!ids.Contains(need))
                {
                    diagnostics.Add(DiagnosticCodes.MissingNeed.Create(location.ToString(), stage.Id, need, Suggestions.DidYouMean(need, ids.Where(i => i != stage.Id))));
                }
                else if (!deps.Contains(need))
                {
                    deps.Add(need);
                }
            }

            foreach (var (reference, location) in References(stage))
            {
                if (reference.Kind != ReferenceKind.Stages || reference.OutputName is null)
                {
                    continue;
                }

                var target = pipeline.Stage(reference.StageId!);
                if (target is null)
                {
                    diagnostics.Add(DiagnosticCodes.BadReference.Create(location.ToString(), reference.Text, $"refers to stage '{reference.StageId}', which does not exist", Suggestions.DidYouMean(reference.StageId!, ids)));
                    continue;
                }

                if (target.Id == stage.Id)
                {
                    diagnostics.Add(DiagnosticCodes.BadReference.Create(location.ToString(), reference.Text, "refers to the stage's own output", ""));
                    continue;
                }

                if (catalog.TryGetValue(target.Uses, out var targetType) && targetType.Output(reference.OutputName) is null)
                {
                    var outputs = targetType.Outputs.Select(o => o.Name).ToList();
                    diagnostics.Add(DiagnosticCodes.BadReference.Create(location.ToString(), reference.Text, $"names output '{reference.OutputName}', which stage '{target.Id}' ({target.Uses}) does not have (outputs: {(outputs.Count == 0 ? "none" : string.Join(", ", outputs))})", Suggestions.DidYouMean(reference.OutputName, outputs)));
                    continue;
                }

                if (!deps.Contains(target.Id))
                {
                    deps.Add(target.Id);
                }
            }

            if (descriptor is not null)
            {
                // Its own resolver, so that the secrets it records are this stage's.
                var own = new ValueResolver(pipeline, secrets, null, environment);
                var options = OptionsBinder.Bind(stage, descriptor, own, diagnostics, out var complete);
                if (options is not null && complete)
                {
                    bound[stage.Id] = new BoundOptions(options, own.UsedSecretValues.ToList());
                }
            }

            if (WhenCondition.TryParse(stage.When, out var when) && when.Kind == WhenKind.Comparison)
            {
                resolver.Interpolate(when.Left + " " + when.Right, stage.WhenLocation, diagnostics);
            }

            spans.Add((stage, start, diagnostics.Count));
        }

        diagnostics = CollapseMatrixRepeats(diagnostics, spans);

        var cycle = FindCycle(pipeline.Stages.Select(s => s.Id).ToList(), edges);
        if (cycle is not null)
        {
            var first = pipeline.Stage(cycle[0])!;
            diagnostics.Add(DiagnosticCodes.Cycle.Create(first.Location.ToString(), string.Join(" -> ", cycle.Select(c => $"'{c}'"))));
        }

        if (pluginDiagnostics is not null && diagnostics.Any(d => d.Code == DiagnosticCodes.UnknownStageType.Code))
        {
            diagnostics.AddRange(pluginDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        }

        if (diagnostics.Count > 0)
        {
            throw new PipelineException(Deduplicate(diagnostics));
        }

        var levels = Levels(pipeline.Stages.Select(s => s.Id).ToList(), edges);
        var planned = pipeline.Stages
            .Select((s, index) => (s, index))
            .OrderBy(x => levels[x.s.Id])
            .ThenBy(x => x.index)
            .Select(x =>
            {
                WhenCondition.TryParse(x.s.When, out var when);
                return new PlannedStage(x.s, catalog[x.s.Uses], edges[x.s.Id], levels[x.s.Id], when) { Bound = bound.GetValueOrDefault(x.s.Id) };
            })
            .ToList();
        return new ExecutionPlan(pipeline, planned) { Environment = environment };
    }

    /// <summary>Every <c>${...}</c> in a stage's with-map and when-condition, with its position.</summary>
    public static IEnumerable<(Reference Reference, SourceLocation Location)> References(StageDefinition stage)
    {
        foreach (var scalar in Scalars(stage.With))
        {
            foreach (var r in Interpolation.Find(scalar.Value))
            {
                yield return (r, scalar.Location);
            }
        }

        foreach (var r in Interpolation.Find(stage.When))
        {
            yield return (r, stage.WhenLocation);
        }
    }

    private static IEnumerable<YScalar> Scalars(YNode node) => node switch
    {
        YScalar s => [s],
        YSequence seq => seq.Items.SelectMany(Scalars),
        YMapping map => map.Entries.SelectMany(e => Scalars(e.Value)),
        _ => [],
    };

    private static List<string>? FindCycle(List<string> ids, Dictionary<string, List<string>> edges)
    {
        var state = ids.ToDictionary(i => i, _ => 0, StringComparer.Ordinal);
        var stack = new List<string>();
        foreach (var id in ids)
        {
            if (state[id] == 0 && Visit(id) is { } found)
            {
                return found;
            }
        }

        return null;

        List<string>? Visit(string id)
        {
            state[id] = 1;
            stack.Add(id);
            foreach (var dep in edges[id])
            {
                if (state[dep] == 1)
                {
                    var start = stack.IndexOf(dep);
                    var chain = stack.Skip(start).ToList();
                    chain.Add(dep);
                    return chain;
                }

                if (state[dep] == 0 && Visit(dep) is { } inner)
                {
                    return inner;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[id] = 2;
            return null;
        }
    }

    private static Dictionary<string, int> Levels(List<string> ids, Dictionary<string, List<string>> edges)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        int Level(string id) => levels.TryGetValue(id, out var l) ? l : levels[id] = edges[id].Count == 0 ? 0 : edges[id].Max(Level) + 1;
        foreach (var id in ids)
        {
            Level(id);
        }

        return levels;
    }

    private static List<Diagnostic> Deduplicate(List<Diagnostic> diagnostics) =>
        diagnostics.DistinctBy(d => d.Render()).ToList();

    /// <summary>
    /// A problem every instance of a matrix stage has at the same place (a bad option of the stage itself, not of one
    /// matrix value) is reported once for the stage, <c>stage 'train' (lightgbm.train, all 4 matrix instances)</c>,
    /// instead of once per instance; a problem only some instances have keeps their ids.
    /// </summary>
    private static List<Diagnostic> CollapseMatrixRepeats(List<Diagnostic> diagnostics, List<(StageDefinition Stage, int Start, int End)> spans)
    {
        var groups = spans.Where(s => s.Stage.Instance is not null).GroupBy(s => s.Stage.BaseId, StringComparer.Ordinal).Where(g => g.Count() > 1).ToList();
        if (groups.Count == 0)
        {
            return diagnostics;
        }

        var replaced = new Dictionary<int, Diagnostic?>();
        foreach (var group in groups)
        {
            var instances = group.ToList();
            string Key(Diagnostic d, StageDefinition stage) => d.Code + "\n" + d.Origin + "\n" + d.Message.Replace($"stage '{stage.Id}'", $"stage '{stage.BaseId}'", StringComparison.Ordinal);
            var perInstance = instances.Select(i => Enumerable.Range(i.Start, i.End - i.Start).Select(n => (Index: n, Key: Key(diagnostics[n], i.Stage))).ToList()).ToList();
            var shared = perInstance[0].Select(x => x.Key).Distinct(StringComparer.Ordinal)
                .Where(k => perInstance.All(list => list.Any(x => x.Key == k))).ToHashSet(StringComparer.Ordinal);
            foreach (var key in shared)
            {
                var first = perInstance[0].First(x => x.Key == key);
                var stage = instances[0].Stage;
                var d = diagnostics[first.Index];
                var named = $"stage '{stage.Id}' ({stage.Uses})";
                var message = d.Message.Contains(named, StringComparison.Ordinal)
                    ? d.Message.Replace(named, $"stage '{stage.BaseId}' ({stage.Uses}, all {instances.Count} matrix instances)", StringComparison.Ordinal)
                    : d.Message.Replace($"stage '{stage.Id}'", $"stage '{stage.BaseId}' (all {instances.Count} matrix instances)", StringComparison.Ordinal);
                replaced[first.Index] = d with { Message = message };
                foreach (var other in perInstance.SelectMany(list => list.Where(x => x.Key == key)).Where(x => x.Index != first.Index))
                {
                    replaced[other.Index] = null;
                }
            }
        }

        return diagnostics.Select((d, n) => replaced.TryGetValue(n, out var r) ? r : d).OfType<Diagnostic>().ToList();
    }
}
