namespace NumeraiPipeline.Orchestrator.Plugins;

/// <summary>
/// The one documented plugin search order: --plugins DIR, then NUMERAI_PIPELINE_PLUGINS (a path list), then
/// artifacts/plugins under the repository root (walking up from the current folder, then from the executable), then
/// plugins/ beside the executable (the container layout).
/// </summary>
internal static class PluginDirectories
{
    public const string EnvironmentVariable = "NUMERAI_PIPELINE_PLUGINS";

    public static IReadOnlyList<string> Resolve(string? cliDirectory)
    {
        if (!string.IsNullOrWhiteSpace(cliDirectory))
        {
            return [Path.GetFullPath(cliDirectory)];
        }

        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
        {
            return env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(Path.GetFullPath).ToList();
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            var root = RepositoryRoot.Find(start);
            if (root is not null && Directory.Exists(Path.Combine(root, "artifacts", "plugins")))
            {
                return [Path.Combine(root, "artifacts", "plugins")];
            }
        }

        return [Path.Combine(AppContext.BaseDirectory, "plugins")];
    }
}
