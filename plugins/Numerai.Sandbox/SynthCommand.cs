using System.Globalization;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Sandbox;

/// <summary><c>numerai-pipeline synth</c>: writes a synthetic dataset; the logic is <see cref="SyntheticDataset"/> (src/Numerai.Data).</summary>
[Command("synth", Description = "Write a synthetic Numerai-shaped dataset (train, validation, live, features.json, meta model, benchmarks)")]
public sealed class SynthCommand : ICommand<SynthCommandOptions>
{
    /// <inheritdoc />
    public async Task<int> RunAsync(CommandContext context, SynthCommandOptions options, CancellationToken cancellationToken)
    {
        var dataset = new SyntheticDatasetOptions
        {
            Version = options.Version,
            TrainRows = options.Rows,
            FeatureCount = options.Features,
            TrainEras = options.Eras,
            Seed = options.Seed,
        };
        var summary = await SyntheticDataset.WriteAsync(dataset, Path.GetFullPath(options.Out), cancellationToken).ConfigureAwait(false);
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Wrote {summary.Directory}: {summary.TrainRows} train, {summary.ValidationRows} validation, {summary.LiveRows} live rows, {summary.FeatureCount} features")).ConfigureAwait(false);
        foreach (var file in summary.Files)
        {
            await context.Output.WriteLineAsync("  " + file).ConfigureAwait(false);
        }

        return 0;
    }
}
