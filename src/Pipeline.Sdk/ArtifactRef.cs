using System.Text.Json.Serialization;

namespace NumeraiPipeline.Sdk;

/// <summary>
/// A file input of a stage. Options properties of this type are resolved by the host to an absolute path and
/// content-hashed into the stage's fingerprint, so a changed input file reruns the stage.
/// </summary>
[JsonConverter(typeof(ArtifactRefJsonConverter))]
public sealed record ArtifactRef
{
    /// <summary>Creates a reference to a file.</summary>
    /// <param name="path">The file's path (absolute once the host has resolved it).</param>
    public ArtifactRef(string path) => Path = path;

    /// <summary>The file's path; absolute when the stage sees it.</summary>
    public string Path { get; init; }

    /// <summary>Whether the file exists.</summary>
    public bool Exists => File.Exists(Path);

    /// <inheritdoc />
    public override string ToString() => Path;
}
