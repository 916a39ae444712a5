using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Plugins;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>Finds a pipeline by file path, or by name in pipelines/ (current folder, repository root, beside the executable).</summary>
internal static class PipelineLocator
{
    public static IReadOnlyList<string> Folders()
    {
        var folders = new List<string> { Path.Combine(Environment.CurrentDirectory, "pipelines") };
        if (RepositoryRoot.Find(Environment.CurrentDirectory) is { } root)
        {
            folders.Add(Path.Combine(root, "pipelines"));
        }

        folders.Add(Path.Combine(AppContext.BaseDirectory, "pipelines"));
        return folders.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
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

    public static IReadOnlyList<(string Name, string Path)> List() =>
        Folders()
            .Where(Directory.Exists)
            .SelectMany(f => Directory.EnumerateFiles(f, "*.y*ml"))
            .Select(p => (Path.GetFileNameWithoutExtension(p), p))
            .DistinctBy(p => p.Item1)
            .OrderBy(p => p.Item1, StringComparer.Ordinal)
            .ToList();
}
