namespace NumeraiPipeline.Orchestrator.Plugins;

/// <summary>Finds the repository root: the nearest folder upwards holding NumeraiPipeline.sln.</summary>
internal static class RepositoryRoot
{
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NumeraiPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
