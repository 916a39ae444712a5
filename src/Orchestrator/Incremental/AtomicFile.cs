namespace NumeraiPipeline.Orchestrator.Incremental;

/// <summary>Writes a small file by writing a temporary sibling and renaming it into place.</summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var temp = TempName(path);
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public static string TempName(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".tmp-" + Guid.NewGuid().ToString("N")[..8]);
}
