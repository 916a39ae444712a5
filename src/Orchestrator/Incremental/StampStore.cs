using System.Text.Json;

namespace NumeraiPipeline.Orchestrator.Incremental;

/// <summary>Stamps live in <c>WORKSPACE/stamps/PIPELINE/STAGE.json</c>, written atomically.</summary>
internal sealed class StampStore(string workspace, string pipeline)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public string Directory => Path.Combine(workspace, "stamps", pipeline);

    public string PathOf(string stage) => Path.Combine(Directory, stage + ".json");

    /// <summary>
    /// Reads a stage's stamp. A missing stamp is null with no problem; a stamp that cannot be read in any way (torn,
    /// not JSON, fields missing or null, paths outside the workspace, unreadable file) is null with the problem
    /// described, so the stage runs again with the reason "stamp unreadable" instead of the run failing.
    /// </summary>
    public Stamp? Read(string stage, out string? problem)
    {
        problem = null;
        var path = PathOf(stage);
        try
        {
            if (!File.Exists(path))
            {
                problem = System.IO.Directory.Exists(path) ? "a folder stands where the stamp file belongs" : null;
                return null;
            }

            var stamp = JsonSerializer.Deserialize<Stamp>(File.ReadAllText(path), Json);
            problem = Check(stamp);
            return problem is null ? Normalize(stamp!) : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            problem = ex is JsonException ? "not a valid stamp (" + ex.Message.Split('.')[0].Trim() + ")" : ex.GetType().Name;
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

    /// <summary>What makes a deserialized stamp unusable, or null. `required` members may still come back null from JSON nulls.</summary>
    private static string? Check(Stamp? stamp)
    {
        if (stamp is null)
        {
            return "empty";
        }

        if (string.IsNullOrEmpty(stamp.Fingerprint) || stamp.Components is null || stamp.Components.Inputs is null || stamp.Components.Options is null)
        {
            return "fingerprint missing";
        }

        if (stamp.Outputs is null)
        {
            return "outputs missing";
        }

        foreach (var (name, output) in stamp.Outputs)
        {
            if (output is null || output.Kind is not ("file" or "value"))
            {
                return $"output '{name}' is malformed";
            }

            if (output.Kind == "file" && (string.IsNullOrEmpty(output.Path) || Path.IsPathRooted(output.Path) || output.Path.Split('/', '\\').Contains("..") || output.Sha256 is null))
            {
                return $"output '{name}' has no valid path";
            }
        }

        return null;
    }

    private static Stamp Normalize(Stamp stamp) => stamp.Summary is null ? stamp with { Summary = [] } : stamp;
}
