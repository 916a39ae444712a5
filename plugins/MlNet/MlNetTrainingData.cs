namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>The training data of a model: file name, SHA-256 fingerprint, selection and rows kept.</summary>
internal sealed record MlNetTrainingData
{
    public required string File { get; init; }

    public required string Sha256 { get; init; }

    public required int EraStride { get; init; }

    public string? DataType { get; init; }

    public required int Rows { get; init; }

    public required int Eras { get; init; }
}
