using System.Text.Json.Nodes;

namespace NumeraiPipeline.Orchestrator.Incremental;

/// <summary>
/// Decides whether a stage is up to date: the stamp exists, the fingerprint matches, and every recorded file output
/// still exists with its recorded size and hash. Otherwise it returns the reasons.
/// </summary>
internal static class UpToDateChecker
{
    public static IReadOnlyList<StaleReason> Check(Stamp? stamp, FingerprintComponents current, string workspace, FileHashCache hashes, bool forced, bool cacheNever, string? stampProblem = null)
    {
        var reasons = new List<StaleReason>();
        if (forced)
        {
            reasons.Add(new StaleReason(StaleKind.Forced, "forced"));
        }

        if (cacheNever)
        {
            reasons.Add(new StaleReason(StaleKind.CacheDisabled, "cache: never"));
        }

        if (stamp is null)
        {
            reasons.Add(stampProblem is null ? new StaleReason(StaleKind.NeverBuilt, "never built") : new StaleReason(StaleKind.StampUnreadable, stampProblem));
            return reasons;
        }

        if (stamp.Fingerprint != current.Compute())
        {
            var old = stamp.Components;
            if (old.StageType != current.StageType)
            {
                reasons.Add(new StaleReason(StaleKind.StageTypeChanged, $"stage type changed: {old.StageType} -> {current.StageType}"));
            }

            if (old.PluginName != current.PluginName || old.PluginVersion != current.PluginVersion || old.PluginHash != current.PluginHash)
            {
                reasons.Add(new StaleReason(StaleKind.PluginChanged, $"plugin changed: {old.PluginName} {old.PluginVersion} ({Short(old.PluginHash)}) -> {current.PluginName} {current.PluginVersion} ({Short(current.PluginHash)})"));
            }
            else if (ChangedFiles(old.PluginFiles ?? [], current.PluginFiles) is { Count: > 0 } files)
            {
                var shown = string.Join(", ", files.Take(5)) + (files.Count > 5 ? $" and {files.Count - 5} more" : "");
                reasons.Add(new StaleReason(StaleKind.PluginChanged, $"plugin changed: {current.PluginName} {current.PluginVersion}: {shown}"));
            }

            if (old.Options != current.Options)
            {
                reasons.Add(new StaleReason(StaleKind.OptionsChanged, "options changed: " + string.Join(", ", ChangedKeys(old.Options, current.Options))));
            }

            foreach (var name in old.Inputs.Keys.Union(current.Inputs.Keys).Order(StringComparer.Ordinal))
            {
                old.Inputs.TryGetValue(name, out var a);
                current.Inputs.TryGetValue(name, out var b);
                if (a != b)
                {
                    reasons.Add(new StaleReason(StaleKind.InputChanged, $"input '{name}' changed: {Short(a)} -> {Short(b)}"));
                }
            }

            if (old.ExternalVersion != current.ExternalVersion)
            {
                reasons.Add(new StaleReason(StaleKind.ExternalVersionChanged, $"external version changed: {old.ExternalVersion ?? "none"} -> {current.ExternalVersion ?? "none"}"));
            }
        }

        foreach (var (name, output) in stamp.Outputs.Where(o => o.Value.Kind == "file"))
        {
            var path = Path.Combine(workspace, output.Path!);
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                reasons.Add(new StaleReason(StaleKind.OutputMissing, $"output '{name}' is missing"));
            }
            else if (info.Length != output.Size || (info.LastWriteTimeUtc.Ticks != output.Ticks && hashes.Hash(path) != output.Sha256))
            {
                reasons.Add(new StaleReason(StaleKind.OutputChanged, $"output '{name}' was changed outside the pipeline"));
            }
        }

        return reasons;
    }

    /// <summary>The plugin files that differ: "file 'X' changed (old -> new)", "file 'Y' added", "file 'Z' removed".</summary>
    private static List<string> ChangedFiles(Dictionary<string, string> before, Dictionary<string, string> now) =>
        before.Keys.Union(now.Keys).Order(StringComparer.Ordinal)
            .Select(f => (f, a: before.GetValueOrDefault(f), b: now.GetValueOrDefault(f)))
            .Where(x => x.a != x.b)
            .Select(x => x.a is null ? $"file '{x.f}' added" : x.b is null ? $"file '{x.f}' removed" : $"file '{x.f}' changed ({Short(x.a)} -> {Short(x.b)})")
            .ToList();

    public static string Short(string? hash) => hash is null ? "none" : hash.Length > 12 ? hash[..12] : hash;

    private static IEnumerable<string> ChangedKeys(string oldJson, string newJson)
    {
        JsonObject? a = null;
        JsonObject? b = null;
        try
        {
            a = JsonNode.Parse(oldJson) as JsonObject;
            b = JsonNode.Parse(newJson) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }

        if (a is null || b is null)
        {
            return ["(all)"];
        }

        return a.Select(p => p.Key).Union(b.Select(p => p.Key))
            .Where(k => !JsonNode.DeepEquals(a[k], b[k]))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
