using System.Globalization;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Plugins.LightGbm.Data;
using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.Plugins.LightGbm.Training;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>Predicts Numerai rows with a LightGBM model, streaming the features row group by row group.</summary>
[Stage("lightgbm.predict", Description = "Predicts a Numerai parquet file (live or validation) with a LightGBM text model.")]
[StageOutput("predictions", Description = "predictions.parquet: id, prediction (and era when the data has one).")]
[StageOutput("csv", Description = "predictions.csv: id,prediction with round-trip float precision (Numerai's upload format).")]
public sealed class PredictStage : IStage<PredictOptions>
{
    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, PredictOptions options, CancellationToken cancellationToken)
    {
        var modelPath = options.Model?.Path ?? throw new StageException(ErrorCodes.Input, "lightgbm.predict: option 'model' is required.") { ExitCode = 2 };
        var dataPath = options.Data?.Path ?? throw new StageException(ErrorCodes.Input, "lightgbm.predict: option 'data' is required.") { ExitCode = 2 };

        // Prediction takes no params: LightGBM's warnings are shown, its info lines are not.
        var native = new NativeOutput(context, [], verbosity: 0);
        using var booster = native.Run(() => LoadModel(modelPath, native.Clean));
        var features = native.Run(booster.FeatureNames);
        using var rows = OpenData(dataPath, features, modelPath, options.DataType);

        double[] predictions;
        using (var activity = context.ActivitySource.StartActivity("predict"))
        {
            activity?.SetTag("rows", rows.Rows);
            predictions = StageErrors.Translate(() => native.Run(() => Predictor.Predict(booster, rows, options.NumThreads, cancellationToken)), dataPath, native.Clean);
        }

        if (options.Rank)
        {
            predictions = Ranking.PercentRank(predictions, rows.Eras);
        }

        var ids = rows.Ids!;
        await context.Outputs.WriteStreamAsync(
            "predictions",
            "predictions.parquet",
            (s, ct) => PredictionWriter.WriteParquetAsync(s, ids, predictions, rows.Eras, ct),
            cancellationToken);
        await context.Outputs.WriteStreamAsync("csv", "predictions.csv", (s, ct) => PredictionWriter.WriteCsvAsync(s, ids, predictions, ct), cancellationToken);
        context.AddSummary("predicted_rows", rows.Rows.ToString(CultureInfo.InvariantCulture));
        context.Logger.LogInformation(
            "Predicted {Rows} rows of {File} with {Model} ({Features} features, {Iterations} iterations)",
            rows.Rows,
            Path.GetFileName(dataPath),
            Path.GetFileName(modelPath),
            features.Length,
            booster.LoadedIterations);
        return StageResult.Succeeded();
    }

    private static Booster LoadModel(string modelPath, Func<string, string> clean)
    {
        try
        {
            var booster = Booster.Load(modelPath);
            if (booster.NumFeatures == 0)
            {
                booster.Dispose();
                throw new StageException(ErrorCodes.Model, $"{Path.GetFileName(modelPath)} has no features. Point 'model' at a trained LightGBM model.");
            }

            return booster;
        }
        catch (LightGbmException ex)
        {
            throw new StageException(
                ErrorCodes.Model,
                $"cannot load the LightGBM model {Path.GetFileName(modelPath)}: {clean(ex.NativeMessage).TrimEnd(' ', '.', '\n')}. Point 'model' at model.txt of lightgbm.train.",
                ex.Cleaned(clean));
        }
    }

    private static ParquetRowSource OpenData(string dataPath, IReadOnlyList<string> features, string modelPath, string? dataType)
    {
        try
        {
            return StageErrors.Translate(
                () => ParquetRowSource.Open(dataPath, new DataSelection(features, null, 1, string.IsNullOrWhiteSpace(dataType) ? null : dataType, ReadIds: true), residentLimitBytes: 0),
                dataPath);
        }
        catch (StageException ex) when (ex.InnerException is MissingColumnsException schema && !schema.IsTarget && !schema.Missing.SequenceEqual(["id"]))
        {
            throw new StageException(
                ErrorCodes.MissingFeature,
                $"the model {Path.GetFileName(modelPath)} needs {schema.Missing.Count} feature(s) that {Path.GetFileName(dataPath)} lacks: {string.Join(", ", schema.Missing.Take(10))}{(schema.Missing.Count > 10 ? ", ..." : string.Empty)}. Predict with data of the dataset version the model was trained on, or retrain on the current features.",
                ex) { ExitCode = 2 };
        }
    }
}
