namespace NumeraiPipeline.Storage;

/// <summary>Validates keys and workspace-relative paths: slash-separated, relative, no empty, <c>.</c> or <c>..</c> segment.</summary>
internal static class ObjectKeys
{
    /// <summary>Returns the key with backslashes turned into slashes, or throws NP6752.</summary>
    public static string Check(string key, string what = "key")
    {
        var normalized = key.Replace('\\', '/');
        if (normalized.Length == 0 || normalized.StartsWith('/') || Path.IsPathRooted(key)
            || normalized.Split('/').Any(s => s.Length == 0 || s == "." || s == ".."))
        {
            throw new StorageException(StorageErrors.InvalidKey, what, key);
        }

        return normalized;
    }

    /// <summary>Checks a prefix: empty, or a valid key optionally ending in a slash.</summary>
    public static string CheckPrefix(string prefix)
    {
        if (prefix.Length == 0)
        {
            return prefix;
        }

        var trimmed = prefix.Replace('\\', '/');
        var slash = trimmed.EndsWith('/');
        var body = Check(slash ? trimmed[..^1] : trimmed, "prefix");
        return slash ? body + "/" : body;
    }
}
