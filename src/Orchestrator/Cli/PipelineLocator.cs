using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Plugins;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>
/// Finds a pipeline by file path, or by name: first in <c>pipelines/</c> of the current folder (the user's own,
/// which win by name), then in the built-in pipelines: <c>pipelines/</c> of the repository (a clone), else
/// <c>pipelines/</c> beside the executable (the installed tool, the self-contained binary, the container).
/// </summary>
internal static class PipelineLocator
{
    /// <summary>The folders searched by name, in order.</summary>
    public static IReadOnlyList<string> Folders() =>
        new[] { Path.Combine(Environment.CurrentDirectory, "pipelines"), BuiltInFolder() }
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The built-in pipelines: <c>pipelines/</c> of the repository found from the current folder or from the
    /// executable (a development build), else <c>pipelines/</c> beside the executable (where publishing puts them).
    /// </summary>
    public static string BuiltInFolder()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            if (RepositoryRoot.Find(start) is { } root && Directory.Exists(Path.Combine(root, "pipelines")))
            {
                return Path.GetFullPath(Path.Combine(root, "pipelines"));
            }
        }

        return Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "pipelines"));
    }

    public static string Find(string nameOrPath)
    {
        if (File.Exists(nameOrPath))
        {
            return Path.GetFullPath(nameOrPath);
        }

        foreach (var folder in Folders())
        {
            foreach (var ext in new[] { ".yaml", ".yml" })
            {
                var candidate = Path.Combine(folder, nameOrPath + ext);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        var known = List().Select(p => p.Name);
        throw new PipelineException(DiagnosticCodes.PipelineNotFound.Create("numerai-pipeline", nameOrPath, $"a file '{nameOrPath}' and '{nameOrPath}.yaml' in {string.Join(", ", Folders().Select(Definition.SourceLocation.DisplayPath))}", Suggestions.DidYouMean(nameOrPath, known)));
    }

    /// <summary>The named pipelines, a name found in several folders once (the first folder's wins), by name.</summary>
    public static IReadOnlyList<(string Name, string Path)> List() =>
        Entries().Select(e => (e.Name, e.Path)).ToList();

    /// <summary>As <see cref="List"/>, with whether each is a built-in pipeline.</summary>
    public static IReadOnlyList<PipelineEntry> Entries()
    {
        var builtIn = BuiltInFolder();
        return Folders()
            .Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*.y*ml").Order(StringComparer.Ordinal))
            .Where(p => p.EndsWith(".yaml", StringComparison.Ordinal) || p.EndsWith(".yml", StringComparison.Ordinal))
            .Select(p => new PipelineEntry(System.IO.Path.GetFileNameWithoutExtension(p), p, string.Equals(System.IO.Path.GetDirectoryName(p), builtIn, StringComparison.Ordinal)))
            .DistinctBy(p => p.Name, StringComparer.Ordinal)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The built-in pipelines only (what <c>init</c> copies).</summary>
    public static IReadOnlyList<PipelineEntry> BuiltIns()
    {
        var folder = BuiltInFolder();
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.yaml").Select(p => new PipelineEntry(System.IO.Path.GetFileNameWithoutExtension(p), p, true)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList()
            : [];
    }
}
