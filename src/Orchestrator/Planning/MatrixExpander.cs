using System.Text.RegularExpressions;
using NumeraiPipeline.Orchestrator.Definition;
using NumeraiPipeline.Orchestrator.Diagnostics;

namespace NumeraiPipeline.Orchestrator.Planning;

/// <summary>
/// Expands <c>matrix:</c> stages into one instance per combination (data in, data out: part of the pure planner).
/// <list type="bullet">
/// <item>Combinations: the product of the key lists in key order (the first key varies slowest), minus every
/// <c>exclude</c> entry (an entry matches when all the keys it names match), plus every <c>include</c> entry (a full
/// combination) not already present. A list may be <c>${vars.NAME}</c> of a list variable (or set with --set).</item>
/// <item>An instance's id is <c>stage[key=value,...]</c> in key order; <c>${matrix.KEY}</c> in its options and
/// <c>when</c> becomes its value, typed as written.</item>
/// <item>A reference to a matrix stage (<c>${stages.train.outputs.model}</c>, <c>needs: [train]</c>) from a stage
/// means the instances that agree with the referring stage on the keys both have: from a matrix over the same keys
/// (or more) that is one instance, paired; otherwise the list of the matching instances, in matrix order, and an edge
/// to each. A list cannot stand inside a text.</item>
/// </list>
/// </summary>
internal static partial class MatrixExpander
{
    private const string Include = "include";
    private const string Exclude = "exclude";

    public static PipelineDefinition Expand(PipelineDefinition pipeline, List<Diagnostic> diagnostics)
    {
        if (pipeline.Stages.All(s => s.Matrix is null) && !pipeline.Stages.Any(UsesMatrixValues))
        {
            return pipeline;
        }

        var instances = new Dictionary<string, List<StageDefinition>>(StringComparer.Ordinal);
        var expanded = new List<StageDefinition>();
        foreach (var stage in pipeline.Stages)
        {
            if (stage.Matrix is null)
            {
                if (UsesMatrixValues(stage))
                {
                    diagnostics.Add(DiagnosticCodes.BadReference.Create(stage.Location.ToString(), "${matrix...}", $"is used in stage '{stage.Id}', which has no 'matrix:'", " Give the stage a 'matrix:' map, or use ${vars.NAME}."));
                    expanded.Add(Instance(stage, [], null));
                    continue;
                }

                expanded.Add(stage);
                continue;
            }

            var combos = Combinations(pipeline, stage, diagnostics);
            if (combos is null)
            {
                continue;
            }

            var list = combos.Select(values => Instance(stage, values, diagnostics)).ToList();
            instances[stage.Id] = list;
            expanded.AddRange(list);
        }

        if (instances.Count == 0)
        {
            return pipeline with { Stages = expanded };
        }

        var rewritten = expanded.Select(s => Rewire(s, instances, diagnostics)).ToList();
        return pipeline with { Stages = rewritten };
    }

    private static bool UsesMatrixValues(StageDefinition stage) =>
        PipelinePlanner.References(stage).Any(r => r.Reference.Kind == ReferenceKind.Matrix);

    /// <summary>The combinations of a stage's matrix, or null (with diagnostics) when the matrix is not valid.</summary>
    private static List<List<KeyValuePair<string, YScalar>>>? Combinations(PipelineDefinition pipeline, StageDefinition stage, List<Diagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        if (stage.Matrix is not YMapping map || map.Entries.Count == 0)
        {
            diagnostics.Add(Bad(stage.Matrix!.Location.ToString(), stage.Id, "'matrix' must be a map of keys to lists of values, e.g. matrix: { target: [target, target_ender_20], seed: [1, 2] }"));
            return null;
        }

        var keys = new List<(string Key, List<YScalar> Values)>();
        foreach (var entry in map.Entries.Where(e => e.Key is not (Include or Exclude)))
        {
            if (!KeyPattern().IsMatch(entry.Key))
            {
                diagnostics.Add(Bad(entry.KeyLocation.ToString(), stage.Id, $"matrix key '{entry.Key}' is not a valid name: use letters, digits and '_', starting with a letter"));
                continue;
            }

            var mark = diagnostics.Count;
            var values = ListOf(pipeline, entry.Value, $"matrix key '{entry.Key}'", stage, diagnostics);
            if (values is null)
            {
                continue;
            }

            if (values.Count == 0 && diagnostics.Count == mark)
            {
                diagnostics.Add(Bad(entry.Value.Location.ToString(), stage.Id, $"matrix key '{entry.Key}' has no values: give it a list of at least one value"));
                continue;
            }

            var twice = values.GroupBy(v => v.Value, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null)
            {
                diagnostics.Add(Bad(entry.Value.Location.ToString(), stage.Id, $"matrix key '{entry.Key}' lists '{twice.Key}' twice"));
                continue;
            }

            keys.Add((entry.Key, values));
        }

        if (keys.Count == 0 && diagnostics.Count == before)
        {
            diagnostics.Add(Bad(map.Location.ToString(), stage.Id, "'matrix' has no keys besides include/exclude"));
        }

        var excludes = Entries(pipeline, map, Exclude, keys.Select(k => k.Key).ToList(), stage, diagnostics, full: false);
        var includes = Entries(pipeline, map, Include, keys.Select(k => k.Key).ToList(), stage, diagnostics, full: true);
        if (diagnostics.Count > before)
        {
            return null;
        }

        var combos = new List<List<KeyValuePair<string, YScalar>>> { new() };
        foreach (var (key, values) in keys)
        {
            combos = combos.SelectMany(c => values.Select(v => new List<KeyValuePair<string, YScalar>>(c) { KeyValuePair.Create(key, v) })).ToList();
        }

        combos.RemoveAll(c => excludes.Any(e => e.All(kv => c.Any(x => x.Key == kv.Key && x.Value.Value == kv.Value.Value))));
        foreach (var include in includes)
        {
            var ordered = keys.Select(k => include.First(kv => kv.Key == k.Key)).ToList();
            if (!combos.Any(c => c.Zip(ordered).All(p => p.First.Value.Value == p.Second.Value.Value)))
            {
                combos.Add(ordered);
            }
        }

        if (combos.Count == 0)
        {
            diagnostics.Add(Bad(map.Location.ToString(), stage.Id, "'exclude' removes every combination: the stage would have no instances"));
            return null;
        }

        return combos;
    }

    /// <summary>The values of one matrix key: a list of scalars, or ${vars.NAME} naming a list variable.</summary>
    private static List<YScalar>? ListOf(PipelineDefinition pipeline, YNode node, string what, StageDefinition stage, List<Diagnostic> diagnostics)
    {
        if (node is YScalar { Value: { } text } && Interpolation.Whole(text) is { Kind: ReferenceKind.Vars, Parts.Count: 1 } var)
        {
            if (!pipeline.Vars.TryGetValue(var.Parts[0], out var value))
            {
                diagnostics.Add(DiagnosticCodes.BadReference.Create(node.Location.ToString(), var.Text, $"refers to variable '{var.Parts[0]}', which is not defined under 'vars'", Suggestions.DidYouMean(var.Parts[0], pipeline.Vars.Keys)));
                return null;
            }

            node = value;
        }

        if (node is not YSequence sequence)
        {
            diagnostics.Add(Bad(node.Location.ToString(), stage.Id, $"{what} must be a list of values (or ${{vars.NAME}} of a list), not {node.KindName}"));
            return null;
        }

        var values = new List<YScalar>();
        foreach (var item in sequence.Items)
        {
            if (item is not YScalar { IsNull: false, Value: { } v } scalar || !ValuePattern().IsMatch(v))
            {
                var shown = item is YScalar s ? $"'{s.Value}'" : item.KindName;
                diagnostics.Add(Bad(item.Location.ToString(), stage.Id, $"{what} has the value {shown}: matrix values are plain words or numbers (letters, digits, '_', '-', '.', '+')"));
                continue;
            }

            values.Add(scalar);
        }

        return values;
    }

    private static List<List<KeyValuePair<string, YScalar>>> Entries(PipelineDefinition pipeline, YMapping map, string name, List<string> keys, StageDefinition stage, List<Diagnostic> diagnostics, bool full)
    {
        var result = new List<List<KeyValuePair<string, YScalar>>>();
        if (map[name] is not { } node)
        {
            return result;
        }

        if (node is not YSequence sequence)
        {
            diagnostics.Add(Bad(node.Location.ToString(), stage.Id, $"'{name}' must be a list of maps such as {{ target: target, seed: 1 }}"));
            return result;
        }

        foreach (var item in sequence.Items)
        {
            if (item is not YMapping entry || entry.Entries.Count == 0)
            {
                diagnostics.Add(Bad(item.Location.ToString(), stage.Id, $"each '{name}' entry must be a map of matrix keys to values"));
                continue;
            }

            var values = new List<KeyValuePair<string, YScalar>>();
            foreach (var e in entry.Entries)
            {
                if (!keys.Contains(e.Key))
                {
                    diagnostics.Add(Bad(e.KeyLocation.ToString(), stage.Id, $"'{name}' names '{e.Key}', which is not a key of the matrix ({string.Join(", ", keys)}).{Suggestions.DidYouMean(e.Key, keys)}"));
                    continue;
                }

                var one = ListOf(pipeline, new YSequence([e.Value], e.Value.Location), $"'{name}' value of '{e.Key}'", stage, diagnostics);
                if (one is { Count: 1 })
                {
                    values.Add(KeyValuePair.Create(e.Key, one[0]));
                }
            }

            if (full && values.Count != keys.Count && values.Count == entry.Entries.Count)
            {
                diagnostics.Add(Bad(item.Location.ToString(), stage.Id, $"an 'include' entry must give every matrix key ({string.Join(", ", keys)}); it lacks {string.Join(", ", keys.Except(values.Select(v => v.Key)).Select(k => $"'{k}'"))}"));
                continue;
            }

            result.Add(values);
        }

        return result;
    }

    /// <summary>
    /// One instance of a matrix stage; with <paramref name="diagnostics"/> null, only removes ${matrix...} from a stage
    /// without a matrix (already reported), so the rest of the planner does not report it again.
    /// </summary>
    private static StageDefinition Instance(StageDefinition stage, List<KeyValuePair<string, YScalar>> values, List<Diagnostic>? diagnostics)
    {
        var keys = values.Select(v => v.Key).ToList();
        YNode Substitute(YNode node) => node switch
        {
            YMapping m => new YMapping(m.Entries.Select(e => e with { Value = Substitute(e.Value) }).ToList(), m.Location),
            YSequence s => new YSequence(s.Items.Select(Substitute).ToList(), s.Location),
            YScalar { Value: { } text } scalar when Interpolation.Find(text).Any(r => r.Kind == ReferenceKind.Matrix) => SubstituteScalar(scalar),
            _ => node,
        };

        YNode SubstituteScalar(YScalar scalar)
        {
            var text = scalar.Value!;
            if (Interpolation.Whole(text) is { Kind: ReferenceKind.Matrix } whole)
            {
                var value = Lookup(whole, scalar.Location);
                // The matrix value decides the type (1 is a number, "1" a string): YAML makes ${...} be quoted anyway.
                // A reference already reported stays as literal text ($${...}), so nothing else trips over it.
                return value is null ? new YScalar("$" + whole.Text, true, scalar.Location) : new YScalar(value.Value, value.Quoted, scalar.Location);
            }

            return scalar with { Value = Interpolation.Rewrite(text, r => r.Kind == ReferenceKind.Matrix ? Lookup(r, scalar.Location)?.Value ?? "$" + r.Text : null) };
        }

        YScalar? Lookup(Reference r, SourceLocation location)
        {
            var key = r.Parts.Count == 1 ? r.Parts[0] : "";
            var found = values.FirstOrDefault(v => v.Key == key).Value;
            if (found is null && diagnostics is not null)
            {
                diagnostics.Add(DiagnosticCodes.BadReference.Create(location.ToString(), r.Text, $"refers to matrix key '{key}', which the matrix of stage '{stage.Id}' does not have (keys: {string.Join(", ", keys)})", Suggestions.DidYouMean(key, keys)));
            }

            return found;
        }

        var when = stage.When;
        if (Interpolation.Find(when).Any(r => r.Kind == ReferenceKind.Matrix))
        {
            when = ((YScalar)SubstituteScalar(new YScalar(when, true, stage.WhenLocation))).Value!;
        }

        if (diagnostics is null)
        {
            return stage with { With = (YMapping)Substitute(stage.With), When = when };
        }

        return stage with
        {
            Id = MatrixInstance.IdOf(stage.Id, values),
            With = (YMapping)Substitute(stage.With),
            When = when,
            Matrix = null,
            Instance = new MatrixInstance(stage.Id, values),
        };
    }

    /// <summary>Points references and needs of matrix stages at the matching instances.</summary>
    private static StageDefinition Rewire(StageDefinition stage, Dictionary<string, List<StageDefinition>> instances, List<Diagnostic> diagnostics)
    {
        List<StageDefinition>? Matching(string target, SourceLocation location, string what)
        {
            if (!instances.TryGetValue(target, out var all))
            {
                return null;
            }

            var mine = stage.Instance?.Values ?? [];
            var matches = all.Where(i => i.Instance!.Values.All(v => mine.All(m => m.Key != v.Key || m.Value.Value == v.Value.Value))).ToList();
            if (matches.Count == 0)
            {
                diagnostics.Add(DiagnosticCodes.BadReference.Create(location.ToString(), what, $"matches no instance of the matrix stage '{target}' for {stage.Id}", ""));
                return null;
            }

            return matches;
        }

        bool Paired(string target) =>
            stage.Instance is { } mine && instances[target][0].Instance!.Values.All(v => mine.Values.Any(m => m.Key == v.Key));

        IEnumerable<YNode> Rewrite(YNode node, bool inSequence)
        {
            switch (node)
            {
                case YMapping m:
                    yield return new YMapping(m.Entries.Select(e => e with { Value = Rewrite(e.Value, false).Single() }).ToList(), m.Location);
                    yield break;
                case YSequence s:
                    yield return new YSequence(s.Items.SelectMany(i => Rewrite(i, true)).ToList(), s.Location);
                    yield break;
                case YScalar { Value: { } text } scalar when Interpolation.Find(text).Any(r => r.StageId is { } id && instances.ContainsKey(id)):
                    foreach (var n in RewriteScalar(scalar, inSequence))
                    {
                        yield return n;
                    }

                    yield break;
                default:
                    yield return node;
                    yield break;
            }
        }

        IEnumerable<YNode> RewriteScalar(YScalar scalar, bool inSequence)
        {
            var text = scalar.Value!;
            if (Interpolation.Whole(text) is { } whole && whole.StageId is { } target && instances.ContainsKey(target))
            {
                var matches = Matching(target, scalar.Location, whole.Text);
                if (matches is null)
                {
                    return [scalar];
                }

                var refs = matches.Select(m => (YNode)new YScalar(whole.Text.Replace("stages." + target + ".", "stages." + m.Id + ".", StringComparison.Ordinal), scalar.Quoted, scalar.Location)).ToList();
                if (Paired(target) && refs.Count == 1)
                {
                    return refs;
                }

                // A list: spliced into a list it stands in, else a list of its own.
                return inSequence ? refs : [new YSequence(refs, scalar.Location)];
            }

            var replaced = Interpolation.Rewrite(text, r =>
            {
                if (r.StageId is not { } id || !instances.ContainsKey(id))
                {
                    return null;
                }

                var matches = Matching(id, scalar.Location, r.Text);
                if (matches is { Count: 1 })
                {
                    return r.Text.Replace("stages." + id + ".", "stages." + matches[0].Id + ".", StringComparison.Ordinal);
                }

                if (matches is not null)
                {
                    diagnostics.Add(DiagnosticCodes.BadReference.Create(scalar.Location.ToString(), r.Text, $"names the outputs of {matches.Count} instances of the matrix stage '{id}', a list, which cannot stand inside a text", " Give the whole value to the reference (an option that takes a list), or make this stage a matrix over the same keys."));
                }

                // Reported (or matching nothing, reported too): kept as literal text, so the planner does not report it again.
                return "$" + r.Text;
            });
            return [scalar with { Value = replaced }];
        }

        var with = (YMapping)Rewrite(stage.With, false).Single();
        var needs = new List<(string Id, SourceLocation Location)>();
        foreach (var (need, location) in stage.Needs)
        {
            var matches = instances.ContainsKey(need) ? Matching(need, location, $"needs: {need}") : null;
            needs.AddRange(matches is null ? [(need, location)] : matches.Select(m => (m.Id, location)));
        }

        var when = stage.When;
        if (Interpolation.Find(when).Any(r => r.StageId is { } id && instances.ContainsKey(id)))
        {
            when = ((YScalar)RewriteScalar(new YScalar(when, true, stage.WhenLocation), false).First()).Value!;
        }

        return stage with { With = with, Needs = needs, When = when };
    }

    private static Diagnostic Bad(string origin, string stage, string message) =>
        DiagnosticCodes.BadMatrix.Create(origin, stage, message.EndsWith('?') ? message : message + ".");

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.+\-]+$")]
    private static partial Regex ValuePattern();
}
