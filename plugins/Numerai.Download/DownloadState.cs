using System.Text.Json;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>What was downloaded last time per output file (version, round, size), kept in the stage's scratch folder.</summary>
internal sealed class DownloadState
{
    public Dictionary<string, DownloadedFile> Files { get; set; } = [];

    public static DownloadState Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<DownloadState>(File.ReadAllText(path)) ?? new() : new();
        }
        catch (JsonException)
        {
            return new();
        }
    }

    public void Save(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this));
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>One downloaded file.</summary>
internal sealed record DownloadedFile(string Version, int? Round, long Size);
