using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Microsoft.ML.Data;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Models;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>Predicts Numerai rows with a model of mlnet.train.</summary>
[Stage("mlnet.predict", Description = "Predicts a Numerai parquet file (live or validation) with an ML.NET model of mlnet.train.")]
[StageOutput(PredictionOutputs.Predictions, Description = PredictionOutputs.PredictionsDescription), StageOutput(PredictionOutputs.Csv, Description = PredictionOutputs.CsvDescription)]
public sealed class MlNetPredictStage : IStage<MlNetPredictOptions>
{
    private const string Stage = "mlnet.predict";

    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, MlNetPredictOptions options, CancellationToken cancellationToken)
    {
        var modelPath = OptionText.RequirePath(options.Model, Stage, "model", "model.zip of mlnet.train");
        var dataPath = OptionText.RequirePath(options.Data, Stage, "data", "a Numerai parquet file");
        var (ml, model, info) = LoadModel(modelPath);

        // Predicted block by block: only one block of features is in memory at a time.
        var ids = new List<string>();
        var eraList = new List<string>();
        var values = new List<double>();
        using (var activity = context.ActivitySource.StartActivity("predict"))
        using (var reader = NumeraiParquetReader.Open(dataPath))
        {
            var spec = options.PredictionSpec(info.Features);
            ModelColumns.Require(reader, spec, modelPath);
            foreach (var block in reader.ReadBlocks(spec, cancellationToken))
            {
                var scored = model.Transform(BlockDataView.Create(ml, block));
                values.AddRange(scored.GetColumn<float>("Score").Select(v => (double)v));
                ids.AddRange(block.Ids);
                eraList.AddRange(block.Eras);
            }

            activity?.SetTag("rows", ids.Count);
        }

        var rowCount = values.Count;
        var predictions = PredictionOutputs.Ranked([.. values], eraList, options.Rank);
        await PredictionOutputs.WriteAsync(context, ids, predictions, eraList, cancellationToken);

        context.AddSummary("predicted_rows", rowCount.ToString(CultureInfo.InvariantCulture));
        context.Logger.LogInformation("Predicted {Rows} rows of {File} with {Model} ({Features} features)",
            rowCount, Path.GetFileName(dataPath), Path.GetFileName(modelPath), info.Features.Count);
        return StageResult.Succeeded();
    }

    private static (MLContext Ml, ITransformer Model, MlNetModelInfo Info) LoadModel(string modelPath)
    {
        try
        {
            MlNetModelInfo info;
            using (var zip = ZipFile.OpenRead(modelPath))
            {
                var entry = zip.GetEntry(MlNetModelInfo.ZipEntryName)
                    ?? throw MlNetErrors.Model.Exception(Stage, Path.GetFileName(modelPath), $"it is not a model of mlnet.train (no {MlNetModelInfo.ZipEntryName} inside)");
                using var text = new StreamReader(entry.Open());
                info = MlNetModelInfo.FromJson(text.ReadToEnd());
            }

            var ml = new MLContext(seed: 1);
            var model = ml.Model.Load(modelPath, out _);
            return (ml, model, info);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or JsonException or InvalidOperationException or FormatException)
        {
            throw MlNetErrors.Model.ExceptionFrom(ex, Stage, Path.GetFileName(modelPath), ex.Message.TrimEnd('.'));
        }
    }
}
