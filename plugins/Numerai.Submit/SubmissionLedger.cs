using System.Text.Json;

namespace NumeraiPipeline.Plugins.Numerai.Submit;

/// <summary>
/// A ledger of submissions (JSON lines). Appends rewrite the file through a temporary name and a rename, so a crash
/// never leaves a torn line. Each (endpoint, model, round) has its own file in the stage's state folder, written only
/// under that key's lease, so the store never has two writers of one file; the workspace-wide file of earlier
/// versions (<c>submissions/ledger.jsonl</c>) is still read.
/// </summary>
internal sealed class SubmissionLedger(string path)
{
    /// <summary>The ledger of earlier versions, under the workspace (read, never written).</summary>
    public const string LegacyRelativePath = "submissions/ledger.jsonl";

    public string Path { get; } = path;

    public IReadOnlyList<LedgerEntry> Read()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        var entries = new List<LedgerEntry>();
        foreach (var line in File.ReadLines(Path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<LedgerEntry>(line) is { } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (JsonException)
            {
                // A line from another tool or version: not ours to judge; keep going.
            }
        }

        return entries;
    }

    public LedgerEntry? Find(string endpoint, int round, string model, string sha256) =>
        Read().LastOrDefault(e => e.Endpoint == endpoint && e.Round == round && string.Equals(e.Model, model, StringComparison.OrdinalIgnoreCase) && e.Sha256 == sha256);

    public void Append(LedgerEntry entry)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temp = Path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            if (File.Exists(Path))
            {
                File.Copy(Path, temp);
            }

            File.AppendAllText(temp, JsonSerializer.Serialize(entry) + "\n");
            File.Move(temp, Path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
