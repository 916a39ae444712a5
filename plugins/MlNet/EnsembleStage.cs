using System.Globalization;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Models;
using NumeraiPipeline.Numerai.Scoring;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>Weighted per-era rank-mean of several prediction files.</summary>
[Stage("ensemble", Description = "Combines prediction files by a weighted mean of their per-era percent ranks (eras taken from the data file).")]
[StageOutput("predictions", Description = "predictions.parquet: id, prediction, era — one row per id of the data, in its order.")]
[StageOutput("csv", Description = "predictions.csv: id,prediction with round-trip float precision.")]
public sealed class EnsembleStage : IStage<EnsembleOptions>
{
    private const string Stage = "ensemble";

    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, EnsembleOptions options, CancellationToken cancellationToken)
    {
        var dataPath = OptionText.RequirePath(options.Data, Stage, "data", "the Numerai parquet the predictions were made for");
        if (options.Predictions.Count == 0)
        {
            throw MlNetErrors.EnsembleInput.Exception("'predictions' is empty", "List at least one prediction file.");
        }

        var weights = Weights(options);
        string[] ids;
        string[] eras;
        using (var reader = NumeraiParquetReader.Open(dataPath))
        {
            var spec = new ReadSpec { DataType = OptionText.NullIfBlank(options.DataType), IncludeIds = true };
            ModelColumns.Require(reader, spec);
            var block = reader.ReadAll(spec, cancellationToken);

            ids = block.Ids;
            eras = block.Eras;
        }

        var eraColumn = PredictionOutputs.EraColumn(eras, ids.Length);
        var combined = new double[ids.Length];
        for (var p = 0; p < options.Predictions.Count; p++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = OptionText.RequirePath(options.Predictions[p], Stage, $"predictions[{p}]", "a prediction file");
            var values = Align(PredictionsFile.Read(path), ids, path, dataPath);
            var ranked = Ranks.PercentWithin(values, eraColumn);
            for (var i = 0; i < ids.Length; i++)
            {
                combined[i] += weights[p] * ranked[i];
            }
        }

        await PredictionOutputs.WriteAsync(context, ids, combined, eraColumn, cancellationToken);

        context.AddSummary("rows", ids.Length.ToString(CultureInfo.InvariantCulture));
        context.AddSummary("members", options.Predictions.Count.ToString(CultureInfo.InvariantCulture));
        context.Logger.LogInformation("Ensembled {Members} prediction files over {Rows} rows in {Eras} eras", options.Predictions.Count, ids.Length, eras.Distinct(StringComparer.Ordinal).Count());
        return StageResult.Succeeded();
    }

    /// <summary>Normalised weights (sum 1).</summary>
    internal static double[] Weights(EnsembleOptions options)
    {
        var n = options.Predictions.Count;
        if (options.Weights.Count == 0)
        {
            return Enumerable.Repeat(1.0 / n, n).ToArray();
        }

        if (options.Weights.Count != n)
        {
            throw MlNetErrors.EnsembleInput.Exception($"{options.Weights.Count} weights for {n} prediction files", "Give one weight per file, in the same order, or none for equal weights.");
        }

        if (options.Weights.Any(w => w < 0 || double.IsNaN(w) || double.IsInfinity(w)) || options.Weights.Sum() <= 0)
        {
            throw MlNetErrors.EnsembleInput.Exception(
                $"weights must be finite, non-negative and not all zero (got {string.Join(", ", options.Weights.Select(w => w.ToString(CultureInfo.InvariantCulture)))})",
                "Fix 'weights', or remove it for equal weights.");
        }

        var sum = options.Weights.Sum();
        return options.Weights.Select(w => w / sum).ToArray();
    }

    private static double[] Align(Predictions predictions, string[] ids, string path, string dataPath)
    {
        var byId = new Dictionary<string, double>(predictions.Count, StringComparer.Ordinal);
        for (var i = 0; i < predictions.Count; i++)
        {
            byId.TryAdd(predictions.Ids[i], predictions.Values[i]);
        }

        var values = new double[ids.Length];
        var missing = new List<string>();
        for (var i = 0; i < ids.Length; i++)
        {
            if (byId.TryGetValue(ids[i], out var v) && !double.IsNaN(v))
            {
                values[i] = v;
            }
            else
            {
                missing.Add(ids[i]);
            }
        }

        if (missing.Count > 0)
        {
            throw MlNetErrors.EnsembleMissingIds.Exception(Path.GetFileName(path), missing.Count, ids.Length, Path.GetFileName(dataPath), string.Join(", ", missing.Take(3)));
        }

        return values;
    }
}
