namespace NumeraiPipeline.Numerai.Models;

/// <summary>What a model was trained on: the data file's name and SHA-256, the selection, and the rows kept.</summary>
public sealed record TrainingDataInfo
{
    /// <summary>The data file's name.</summary>
    public required string File { get; init; }

    /// <summary>Its SHA-256 (lower-case hex).</summary>
    public required string Sha256 { get; init; }

    /// <summary>Every k-th era kept.</summary>
    public required int EraStride { get; init; }

    /// <summary>The data_type filter, or null.</summary>
    public string? DataType { get; init; }

    /// <summary>Rows trained on.</summary>
    public required int Rows { get; init; }

    /// <summary>Distinct eras trained on.</summary>
    public required int Eras { get; init; }

    /// <summary>The validation file's name, when one was used.</summary>
    public string? ValidFile { get; init; }

    /// <summary>Its rows, when one was used.</summary>
    public int? ValidRows { get; init; }
}
