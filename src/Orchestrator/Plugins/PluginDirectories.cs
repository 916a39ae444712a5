namespace NumeraiPipeline.Orchestrator.Plugins;

/// <summary>
/// The one documented plugin search order: every --plugins DIR (repeatable), then NUMERAI_PIPELINE_PLUGINS (a path
/// list), then the built-in plugins: artifacts/plugins under the repository root (walking up from the current folder,
/// then from the executable), else plugins/ beside the executable (the container layout). Folders add up; when two
/// folders hold a plugin of the same name, the first one wins, so a user's build of a plugin replaces the built-in one.
/// </summary>
internal static class PluginDirectories
{
    public const string EnvironmentVariable = "NUMERAI_PIPELINE_PLUGINS";

    public static IReadOnlyList<string> Resolve(IReadOnlyList<string> cliDirectories, bool includeBuiltIn = true, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var result = new List<string>();
        void Add(string dir)
        {
            var full = Path.GetFullPath(dir);
            if (!result.Contains(full, StringComparer.Ordinal))
            {
                result.Add(full);
            }
        }

        foreach (var dir in cliDirectories.Where(d => !string.IsNullOrWhiteSpace(d)))
        {
            Add(dir);
        }

        var env = environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
        {
            foreach (var dir in env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                Add(dir);
            }
        }

        if (includeBuiltIn || result.Count == 0)
        {
            Add(BuiltIn());
        }

        return result;
    }

    /// <summary>The built-in plugins: artifacts/plugins of the repository (a build), else plugins/ beside the executable.</summary>
    public static string BuiltIn()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            var root = RepositoryRoot.Find(start);
            if (root is not null && Directory.Exists(Path.Combine(root, "artifacts", "plugins")))
            {
                return Path.Combine(root, "artifacts", "plugins");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "plugins");
    }
}
