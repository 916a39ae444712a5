using System.Text.RegularExpressions;
using NumeraiPipeline.Orchestrator.Diagnostics;

namespace NumeraiPipeline.Orchestrator.Definition;

/// <summary>
/// Reads a pipeline file: YAML with positions, <c>extends</c> (deep merge over the base), <c>--set</c> overrides, and the
/// structural checks (unknown keys with suggestions, kinds of values, stage ids). Interpolation happens in the planner.
/// </summary>
internal static partial class PipelineLoader
{
    public static readonly string[] TopLevelKeys = ["name", "description", "extends", "vars", "stages"];
    public static readonly string[] StageKeys = ["uses", "with", "needs", "when", "cache", "description", "matrix"];

    public static PipelineDefinition Load(string path, IReadOnlyList<string>? sets = null)
    {
        var diagnostics = new List<Diagnostic>();
        var tree = LoadTree(Path.GetFullPath(path), diagnostics, []);
        if (diagnostics.Count == 0)
        {
            foreach (var set in sets ?? [])
            {
                ApplySet(tree, set, diagnostics);
            }
        }

        var definition = diagnostics.Count == 0 ? Build(tree, Path.GetFullPath(path), diagnostics) : null;
        if (diagnostics.Count > 0 || definition is null)
        {
            throw new PipelineException(diagnostics);
        }

        return definition;
    }

    private static YMapping LoadTree(string path, List<Diagnostic> diagnostics, List<string> chain)
    {
        var text = File.ReadAllText(path);
        var node = YamlReader.Read(text, path, diagnostics);
        if (node is not YMapping root)
        {
            diagnostics.Add(DiagnosticCodes.BadValue.Create(node.Location.ToString(), "the pipeline file", "a map of keys (name, stages, ...)", node.KindName));
            return new YMapping([], node.Location);
        }

        var extends = root.Entry("extends");
        if (extends is null || diagnostics.Count > 0)
        {
            return root;
        }

        if (extends.Value is not YScalar { Value: { Length: > 0 } baseName })
        {
            diagnostics.Add(DiagnosticCodes.BadValue.Create(extends.Value.Location.ToString(), "extends", "a pipeline name or file path", extends.Value.KindName));
            return root;
        }

        var basePath = ResolveExtends(baseName, Path.GetDirectoryName(path)!);
        if (basePath is null)
        {
            diagnostics.Add(DiagnosticCodes.BadExtends.Create(extends.Value.Location.ToString(), $"'extends: {baseName}' names no pipeline: no file '{baseName}' or '{baseName}.yaml' beside this file."));
            return root;
        }

        if (chain.Contains(basePath, StringComparer.Ordinal) || basePath == path)
        {
            var names = chain.Append(path).Append(basePath).Select(p => Path.GetFileNameWithoutExtension(p));
            diagnostics.Add(DiagnosticCodes.BadExtends.Create(extends.Value.Location.ToString(), $"'extends' forms a cycle: {string.Join(" -> ", names)}."));
            return root;
        }

        var baseTree = LoadTree(basePath, diagnostics, [.. chain, path]);
        var merged = (YMapping)baseTree.DeepClone();
        foreach (var entry in root.Entries.Where(e => e.Key != "extends"))
        {
            if (entry.Key == "name" || entry.Key == "description")
            {
                merged.Set(entry.Key, entry.KeyLocation, entry.Value);
            }
            else if (entry.Key == "stages" && merged[entry.Key] is YMapping baseStages && entry.Value is YMapping stages)
            {
                merged.Set(entry.Key, entry.KeyLocation, MergeStages(baseStages, stages));
            }
            else
            {
                merged.Set(entry.Key, entry.KeyLocation, Merge(merged[entry.Key], entry.Value));
            }
        }

        if (root.Entry("name") is null)
        {
            merged.Set("name", root.Location, new YScalar(Path.GetFileNameWithoutExtension(path), true, root.Location));
        }

        return merged;
    }

    private static string? ResolveExtends(string name, string directory)
    {
        foreach (var candidate in new[] { name, name + ".yaml", name + ".yml" })
        {
            var full = Path.GetFullPath(Path.Combine(directory, candidate));
            if (File.Exists(full))
            {
                return full;
            }
        }

        return null;
    }

    /// <summary>
    /// Stages merge one by one, deeply, except that a stage whose <c>uses</c> names another stage type than the base
    /// stage's replaces it whole: the base's <c>with</c> options belong to the other type (swapping lightgbm.train
    /// for mlnet.train must not keep LightGBM's params). Its <c>needs</c>, <c>when</c> and the rest are the override's.
    /// </summary>
    private static YMapping MergeStages(YMapping baseStages, YMapping stages)
    {
        var result = (YMapping)baseStages.DeepClone();
        foreach (var e in stages.Entries)
        {
            var replaces = result[e.Key] is YMapping baseStage
                && e.Value is YMapping stage
                && stage["uses"] is YScalar { Value: var newType }
                && baseStage["uses"] is YScalar { Value: var oldType }
                && !string.Equals(newType, oldType, StringComparison.Ordinal);
            result.Set(e.Key, e.KeyLocation, replaces ? e.Value.DeepClone() : Merge(result[e.Key], e.Value));
        }

        return result;
    }

    /// <summary>Deep merge: maps merge key by key, anything else is replaced by the override.</summary>
    private static YNode Merge(YNode? baseNode, YNode overrideNode)
    {
        if (baseNode is YMapping b && overrideNode is YMapping o)
        {
            var result = (YMapping)b.DeepClone();
            foreach (var e in o.Entries)
            {
                result.Set(e.Key, e.KeyLocation, Merge(result[e.Key], e.Value));
            }

            return result;
        }

        return overrideNode.DeepClone();
    }

    private static void ApplySet(YMapping root, string set, List<Diagnostic> diagnostics)
    {
        var eq = set.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            diagnostics.Add(DiagnosticCodes.BadSetPath.Create("numerai-pipeline", set, "expected path=value, e.g. stages.train.with.params.num_leaves=63."));
            return;
        }

        var path = set[..eq].Split('.');
        var valueText = set[(eq + 1)..];
        var location = new SourceLocation("--set " + set[..eq], 0, 0);
        if (!TopLevelKeys.Contains(path[0]) || path[0] == "extends")
        {
            diagnostics.Add(DiagnosticCodes.BadSetPath.Create("numerai-pipeline", set[..eq], $"'{path[0]}' is not a pipeline key; use vars.NAME, stages.ID.with.OPTION or another stage key.{Suggestions.DidYouMean(path[0], TopLevelKeys)}"));
            return;
        }

        if (path[0] == "stages")
        {
            var stages = root["stages"] as YMapping;
            var ids = stages?.Entries.Select(e => e.Key).ToList() ?? [];
            if (path.Length < 3)
            {
                diagnostics.Add(DiagnosticCodes.BadSetPath.Create("numerai-pipeline", set[..eq], "name a stage key, e.g. stages.train.with.era_stride."));
                return;
            }

            if (!ids.Contains(path[1]))
            {
                diagnostics.Add(DiagnosticCodes.BadSetPath.Create("numerai-pipeline", set[..eq], $"there is no stage '{path[1]}'.{Suggestions.DidYouMean(path[1], ids)}"));
                return;
            }

            if (!StageKeys.Contains(path[2]))
            {
                diagnostics.Add(DiagnosticCodes.BadSetPath.Create("numerai-pipeline", set[..eq], $"'{path[2]}' is not a stage key ({string.Join(", ", StageKeys)}).{Suggestions.DidYouMean(path[2], StageKeys)}"));
                return;
            }
        }

        var value = ParseValue(valueText, location);
        YMapping current = root;
        for (var i = 0; i < path.Length - 1; i++)
        {
            var next = current[path[i]];
            if (next is null)
            {
                next = new YMapping([], location);
                current.Set(path[i], location, next);
            }

            if (next is not YMapping map)
            {
                diagnostics.Add(DiagnosticCodes.BadSetPath.Create("numerai-pipeline", set[..eq], $"'{string.Join('.', path[..(i + 1)])}' is {next.KindName}, not a map."));
                return;
            }

            current = map;
        }

        current.Set(path[^1], location, value);
    }

    private static YNode ParseValue(string text, SourceLocation location)
    {
        if (text.StartsWith('[') || text.StartsWith('{'))
        {
            var list = new List<Diagnostic>();
            var node = YamlReader.Read(text, location.File, list);
            if (list.Count == 0)
            {
                return node;
            }
        }

        return new YScalar(text, false, location);
    }

    private static PipelineDefinition? Build(YMapping root, string path, List<Diagnostic> diagnostics)
    {
        foreach (var e in root.Entries.Where(e => !TopLevelKeys.Contains(e.Key)))
        {
            diagnostics.Add(DiagnosticCodes.UnknownKey.Create(e.KeyLocation.ToString(), e.Key, "the pipeline", string.Join(", ", TopLevelKeys), Suggestions.DidYouMean(e.Key, TopLevelKeys)));
        }

        var name = (root["name"] as YScalar)?.Value ?? Path.GetFileNameWithoutExtension(path);
        var description = (root["description"] as YScalar)?.Value;
        var vars = new Dictionary<string, YNode>(StringComparer.Ordinal);
        switch (root["vars"])
        {
            case null:
                break;
            case YMapping varMap:
                foreach (var e in varMap.Entries)
                {
                    vars[e.Key] = e.Value;
                }

                break;
            case var other:
                diagnostics.Add(DiagnosticCodes.BadValue.Create(other.Location.ToString(), "vars", "a map of names to values", other.KindName));
                break;
        }

        var stages = new List<StageDefinition>();
        switch (root["stages"])
        {
            case null:
            case YMapping { Entries.Count: 0 }:
            case YScalar { IsNull: true }:
                diagnostics.Add(DiagnosticCodes.NoStages.Create(root.Location.ToString()));
                break;
            case YMapping stageMap:
                foreach (var e in stageMap.Entries)
                {
                    var stage = BuildStage(e, diagnostics);
                    if (stage is not null)
                    {
                        stages.Add(stage);
                    }
                }

                break;
            case var other:
                diagnostics.Add(DiagnosticCodes.BadValue.Create(other.Location.ToString(), "stages", "a map of stage ids to stages", other.KindName));
                break;
        }

        return new PipelineDefinition(name, description, path, vars, stages);
    }

    private static StageDefinition? BuildStage(YEntry entry, List<Diagnostic> diagnostics)
    {
        var count = diagnostics.Count;
        if (!StageIdPattern().IsMatch(entry.Key))
        {
            diagnostics.Add(DiagnosticCodes.BadStageId.Create(entry.KeyLocation.ToString(), entry.Key));
        }

        if (entry.Value is not YMapping map)
        {
            diagnostics.Add(DiagnosticCodes.BadValue.Create(entry.Value.Location.ToString(), $"stages.{entry.Key}", "a map with 'uses' and 'with'", entry.Value.KindName));
            return null;
        }

        foreach (var e in map.Entries.Where(e => !StageKeys.Contains(e.Key)))
        {
            diagnostics.Add(DiagnosticCodes.UnknownKey.Create(e.KeyLocation.ToString(), e.Key, $"stage '{entry.Key}'", string.Join(", ", StageKeys), Suggestions.DidYouMean(e.Key, StageKeys)));
        }

        string uses = "";
        var usesLocation = entry.KeyLocation;
        switch (map.Entry("uses"))
        {
            case null:
                diagnostics.Add(DiagnosticCodes.MissingKey.Create(entry.KeyLocation.ToString(), $"stage '{entry.Key}'", "uses", "Name the stage type, e.g. 'uses: lightgbm.train'."));
                break;
            case { Value: YScalar { Value: { Length: > 0 } u } } ue:
                uses = u;
                usesLocation = ue.Value.Location;
                break;
            case var ue:
                diagnostics.Add(DiagnosticCodes.BadValue.Create(ue.Value.Location.ToString(), $"stages.{entry.Key}.uses", "a stage type id", ue.Value.KindName));
                break;
        }

        var with = map["with"] switch
        {
            null or YScalar { IsNull: true } => new YMapping([], map.Location),
            YMapping w => w,
            var other => Bad(other, $"stages.{entry.Key}.with", "a map of options"),
        };

        var needs = new List<(string, SourceLocation)>();
        switch (map["needs"])
        {
            case null:
                break;
            case YScalar { Value: { Length: > 0 } one } s:
                needs.Add((one, s.Location));
                break;
            case YSequence seq:
                foreach (var item in seq.Items)
                {
                    if (item is YScalar { Value: { Length: > 0 } n })
                    {
                        needs.Add((n, item.Location));
                    }
                    else
                    {
                        Bad(item, $"stages.{entry.Key}.needs[]", "a stage id");
                    }
                }

                break;
            case var other:
                Bad(other, $"stages.{entry.Key}.needs", "a list of stage ids");
                break;
        }

        var when = "success";
        var whenLocation = entry.KeyLocation;
        if (map.Entry("when") is { } we)
        {
            whenLocation = we.Value.Location;
            if (we.Value is YScalar { Value: { Length: > 0 } w })
            {
                when = w.Trim();
                if (!WhenCondition.TryParse(when, out _))
                {
                    diagnostics.Add(DiagnosticCodes.BadWhen.Create(we.Value.Location.ToString(), when));
                }
            }
            else
            {
                Bad(we.Value, $"stages.{entry.Key}.when", "success, failure, always or a condition");
            }
        }

        var cache = CacheMode.Auto;
        if (map.Entry("cache") is { } ce)
        {
            switch ((ce.Value as YScalar)?.Value)
            {
                case "never":
                    cache = CacheMode.Never;
                    break;
                case "auto":
                    break;
                default:
                    Bad(ce.Value, $"stages.{entry.Key}.cache", "'auto' or 'never'");
                    break;
            }
        }

        var description = (map["description"] as YScalar)?.Value;
        return diagnostics.Count > count
            ? null
            : new StageDefinition(entry.Key, entry.KeyLocation, uses, usesLocation, with, needs, when, whenLocation, cache, description) { Matrix = map["matrix"] };

        YMapping Bad(YNode node, string what, string expected)
        {
            var shown = node is YScalar s ? $"'{s.Value}'" : node.KindName;
            diagnostics.Add(DiagnosticCodes.BadValue.Create(node.Location.ToString(), what, expected, shown));
            return new YMapping([], node.Location);
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex StageIdPattern();
}
