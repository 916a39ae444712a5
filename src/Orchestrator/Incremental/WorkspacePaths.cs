namespace NumeraiPipeline.Orchestrator.Incremental;

/// <summary>
/// Keeps stamps portable between workspaces: value outputs and summary values that name files in the workspace are
/// stored with the workspace's absolute path replaced by <see cref="Token"/>, and re-rooted in the workspace that reads
/// them, so a stage found up to date in a fresh workspace (stamps pulled from the store) names that workspace's files.
/// </summary>
internal static class WorkspacePaths
{
    /// <summary>Stands for the workspace folder in stored values.</summary>
    public const string Token = "${workspace}";

    public static string Relativize(string value, string workspace)
    {
        var root = Path.GetFullPath(workspace).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        if (root.Length == 0 || !value.Contains(root, StringComparison.Ordinal))
        {
            return value;
        }

        // Only whole path prefixes: '/ws' must not match inside '/ws2/...'.
        return value == root ? Token : value.Replace(root + Path.DirectorySeparatorChar, Token + "/", StringComparison.Ordinal);
    }

    public static string Rebase(string value, string workspace)
    {
        if (!value.Contains(Token, StringComparison.Ordinal))
        {
            return value;
        }

        var root = Path.GetFullPath(workspace).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return value.Replace(Token + "/", root + Path.DirectorySeparatorChar, StringComparison.Ordinal).Replace(Token, root, StringComparison.Ordinal);
    }

    public static Dictionary<string, string> Relativize(IReadOnlyDictionary<string, string> values, string workspace) =>
        values.ToDictionary(kv => kv.Key, kv => Relativize(kv.Value, workspace), StringComparer.Ordinal);

    public static Dictionary<string, string> Rebase(IReadOnlyDictionary<string, string>? values, string workspace) =>
        (values ?? new Dictionary<string, string>()).ToDictionary(kv => kv.Key, kv => Rebase(kv.Value, workspace), StringComparer.Ordinal);
}
