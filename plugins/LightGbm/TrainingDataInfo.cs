namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>What a model was trained on: the data file's name and SHA-256, the selection, and the rows kept.</summary>
internal sealed record TrainingDataInfo
{
    public required string File { get; init; }

    public required string Sha256 { get; init; }

    public required int EraStride { get; init; }

    public string? DataType { get; init; }

    public required int Rows { get; init; }

    public required int Eras { get; init; }

    public string? ValidFile { get; init; }

    public int? ValidRows { get; init; }
}
