using System.Globalization;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Models;
using NumeraiPipeline.Plugins.LightGbm.Data;
using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.Plugins.LightGbm.Training;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm;

/// <summary>Predicts Numerai rows with a LightGBM model, streaming the features row group by row group.</summary>
[Stage("lightgbm.predict", Description = "Predicts a Numerai parquet file (live or validation) with a LightGBM text model.")]
[StageOutput(PredictionOutputs.Predictions, Description = PredictionOutputs.PredictionsDescription), StageOutput(PredictionOutputs.Csv, Description = PredictionOutputs.CsvDescription)]
public sealed class PredictStage : IStage<PredictOptions>
{
    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, PredictOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await PredictAsync(context, options, cancellationToken);
        }
        finally
        {
            NativeHeap.ReturnFreedMemory();
        }
    }

    private static async Task<StageResult> PredictAsync(StageContext context, PredictOptions options, CancellationToken cancellationToken)
    {
        var modelPath = OptionText.RequirePath(options.Model, "lightgbm.predict", "model", "model.txt of lightgbm.train");
        var dataPath = OptionText.RequirePath(options.Data, "lightgbm.predict", "data", "a Numerai parquet file");

        // Prediction takes no params: LightGBM's warnings are shown, its info lines are not.
        var native = new NativeOutput(context, [], verbosity: 0);
        using var booster = native.Run(() => LoadModel(modelPath, native.Clean));
        var features = native.Run(booster.FeatureNames);
        using var rows = StageErrors.Translate(() => ParquetRowSource.Open(dataPath, options.PredictionSpec(features), residentLimitBytes: 0, modelPath), dataPath);

        double[] predictions;
        using (var activity = context.ActivitySource.StartActivity("predict"))
        {
            activity?.SetTag("rows", rows.Rows);
            predictions = StageErrors.Translate(() => native.Run(() => Predictor.Predict(booster, rows, options.NumThreads, cancellationToken)), dataPath, native.Clean);
        }

        context.Logger.LogDebug("Memory after predicting: {Memory}", ProcessMemory.Describe());
        predictions = PredictionOutputs.Ranked(predictions, rows.Eras, options.Rank);
        await PredictionOutputs.WriteAsync(context, rows.Ids!, predictions, rows.Eras, cancellationToken);
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
                throw LightGbmErrors.Model.Exception(Path.GetFileName(modelPath), "it has no features");
            }

            return booster;
        }
        catch (LightGbmException ex)
        {
            throw LightGbmErrors.Model.ExceptionFrom(ex.Cleaned(clean), Path.GetFileName(modelPath), clean(ex.NativeMessage).TrimEnd(' ', '.', '\n'));
        }
    }
}
