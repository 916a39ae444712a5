using System.Text.Json;

namespace NumeraiPipeline.Orchestrator.Incremental;

/// <summary>Stamps live in <c>WORKSPACE/stamps/PIPELINE/STAGE.json</c>, written atomically.</summary>
internal sealed class StampStore(string workspace, string pipeline)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string Directory => Path.Combine(workspace, "stamps", pipeline);

    public string PathOf(string stage) => Path.Combine(Directory, stage + ".json");

    public Stamp? Read(string stage)
    {
        var path = PathOf(stage);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Stamp>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Write(Stamp stamp)
    {
        System.IO.Directory.CreateDirectory(Directory);
        AtomicFile.WriteAllText(PathOf(stamp.Stage), JsonSerializer.Serialize(stamp, Json));
    }

    public void Delete(string stage)
    {
        var path = PathOf(stage);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
