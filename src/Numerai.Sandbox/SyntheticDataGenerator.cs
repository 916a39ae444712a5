using NumeraiPipeline.Numerai.Data;

namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>Generates the sandbox's files with Numerai.Data's synthetic dataset generator.</summary>
internal sealed class SyntheticDataGenerator : ISandboxDataGenerator
{
    public IReadOnlyList<string> FileNames { get; } =
    [
        "features.json", "train.parquet", "validation.parquet", "live.parquet", "meta_model.parquet", "validation_benchmark_models.parquet",
        "live_example_preds.parquet",
    ];

    public Task GenerateAsync(string root, string version, SandboxOptions options, CancellationToken cancellationToken) =>
        SyntheticDataset.WriteAsync(Options(version, options, 1), root, cancellationToken);

    public Task GenerateLiveAsync(string livePath, string examplePredictionsPath, string version, int round, SandboxOptions options, CancellationToken cancellationToken) =>
        SyntheticDataset.WriteLiveAsync(Options(version, options, round), livePath, examplePredictionsPath, cancellationToken);

    public SyntheticLiveOutcome LiveOutcome(string version, int round, SandboxOptions options) => SyntheticLiveOutcome.Compute(Options(version, options, round));

    private static SyntheticDatasetOptions Options(string version, SandboxOptions options, int round) => new()
    {
        Version = version,
        TrainRows = options.Rows,
        TrainEras = options.Eras,
        FeatureCount = options.Features,
        ValidationEras = Math.Max(4, options.Eras / 3),
        UnlabelledValidationEras = Math.Min(4, Math.Max(1, options.Eras / 25)),
        Seed = options.Seed,
        Round = round,
    };
}
