using System.Globalization;
using System.IO.Compression;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Models;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>Trains an ML.NET FastTree regression model on Numerai int8 data.</summary>
[Stage("mlnet.train", Description = "Trains an ML.NET FastTree regression model on Numerai parquet data (a second model family beside LightGBM).")]
[StageOutput("model", Description = "model.zip: the ML.NET model, with the model_info JSON embedded (mlnet.predict needs only this file).")]
[StageOutput("model_info", Description = "model.json: features in order, target, FastTree parameters, training data fingerprint.")]
public sealed class MlNetTrainStage : IStage<MlNetTrainOptions>
{
    private const string Stage = "mlnet.train";

    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, MlNetTrainOptions options, CancellationToken cancellationToken)
    {
        var dataPath = OptionText.RequirePath(options.Data, Stage, "data", "a Numerai parquet file");
        var parameters = FastTreeParameters.Create(options.Params);

        List<DataBlock> blocks;
        IReadOnlyList<string> features;
        ReadSpec spec;
        using (var activity = context.ActivitySource.StartActivity("load"))
        using (var reader = NumeraiParquetReader.Open(dataPath))
        {
            features = FeatureList.Resolve(Stage, options.Features?.Path, options.FeatureSet, reader);
            spec = options.TrainingSpec(features);
            ModelColumns.Require(reader, spec);
            blocks = reader.ReadBlocks(spec, cancellationToken).ToList();
            activity?.SetTag("rows", blocks.Sum(b => b.RowCount));
            activity?.SetTag("features", features.Count);
        }

        var rows = blocks.Sum(b => b.RowCount);
        options.RequireRows(Stage, rows, dataPath);

        var eras = blocks.SelectMany(b => b.Eras).Distinct(StringComparer.Ordinal).Count();
        context.Logger.LogInformation("Training FastTree on {Rows} rows x {Features} features ({Eras} eras) of {File}, target {Target}",
            rows, features.Count, eras, Path.GetFileName(dataPath), options.Target);

        var ml = new MLContext(seed: options.Seed);
        var view = BlockDataView.Create(ml, blocks, features.Count);
        ITransformer model;
        using (var activity = context.ActivitySource.StartActivity("train"))
        {
            activity?.SetTag("trees", parameters.NumberOfTrees);
            var trainer = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                LabelColumnName = BlockDataView.LabelColumn,
                FeatureColumnName = BlockDataView.FeaturesColumn,
                NumberOfTrees = parameters.NumberOfTrees,
                NumberOfLeaves = parameters.NumberOfLeaves,
                LearningRate = parameters.LearningRate,
                MinimumExampleCountPerLeaf = parameters.MinimumExampleCountPerLeaf,
                FeatureFraction = parameters.FeatureFraction,
                Seed = options.Seed,
                NumberOfThreads = options.NumThreads > 0 ? options.NumThreads : null,
            });
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                model = trainer.Fit(view);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
            {
                throw MlNetErrors.MlNet.ExceptionFrom(ex, Path.GetFileName(dataPath), ex.Message.TrimEnd('.'));
            }
        }

        var info = new MlNetModelInfo
        {
            Features = features,
            Target = options.Target,
            FeatureSet = options.Features is null ? null : options.FeatureSet,
            Params = parameters.ToDictionary(),
            TrainingData = new TrainingDataInfo
            {
                File = Path.GetFileName(dataPath),
                Sha256 = await FileHash.Sha256Async(dataPath, cancellationToken),
                EraStride = options.EraStride,
                DataType = spec.DataType,
                Rows = rows,
                Eras = eras,
            },
            CreatedUtc = context.Time.GetUtcNow(),
        };
        var json = info.ToJson();

        await context.Outputs.WriteFileAsync("model", "model.zip", (tmp, _) =>
        {
            ml.Model.Save(model, view.Schema, tmp);
            using var zip = ZipFile.Open(tmp, ZipArchiveMode.Update);
            var entry = zip.CreateEntry(MlNetModelInfo.ZipEntryName);
            using var writer = new StreamWriter(entry.Open());
            writer.Write(json);
            return Task.CompletedTask;
        }, cancellationToken);
        await context.Outputs.WriteFileAsync("model_info", "model.json", (tmp, ct) => File.WriteAllTextAsync(tmp, json, ct), cancellationToken);

        context.AddSummary("rows", rows.ToString(CultureInfo.InvariantCulture));
        context.AddSummary("features", features.Count.ToString(CultureInfo.InvariantCulture));
        context.AddSummary("trees", parameters.NumberOfTrees.ToString(CultureInfo.InvariantCulture));
        return StageResult.Succeeded();
    }
}
