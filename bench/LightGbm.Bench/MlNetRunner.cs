using System.Globalization;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using NumeraiPipeline.Plugins.LightGbm.Training;

namespace NumeraiPipeline.LightGbm.Bench;

/// <summary>Trains and predicts with ML.NET's LightGbm trainer (Microsoft.ML.LightGbm) on the same int8 rows.</summary>
internal static class MlNetRunner
{
    public static LightGbmRegressionTrainer.Options Options(int iterations, int threads, int seed) => new()
    {
        NumberOfIterations = iterations,
        LearningRate = 0.01,
        NumberOfLeaves = 31,
        MinimumExampleCountPerLeaf = 20,
        NumberOfThreads = threads,
        Seed = seed,
        UseCategoricalSplit = false,

        // LightGBM otherwise picks row- or column-wise histograms by timing both, which varies on a busy machine and
        // changes the summation order (last-bit differences between runs)
        Deterministic = true,
        ForceColumnWise = true,
        Booster = new GradientBooster.Options { MaximumTreeDepth = 5, FeatureFraction = 0.1 },
        LabelColumnName = "Label",
        FeatureColumnName = "Features",
    };

    public static (ITransformer Model, string Parameters) Fit(MLContext ml, IRowSource rows, float[] labels, LightGbmRegressionTrainer.Options options)
    {
        var view = ToDataView(ml, rows, labels);
        var trainer = ml.Regression.Trainers.LightGbm(options);
        var model = trainer.Fit(view);
        return (model, Parameters(trainer));
    }

    public static float[] Predict(MLContext ml, ITransformer model, IRowSource rows)
    {
        var view = ToDataView(ml, rows, new float[rows.Rows]);
        return model.Transform(view).GetColumn<float>("Score").ToArray();
    }

    /// <summary>The LightGBM parameter string ML.NET passed (its private GbmOptions map), for running ours with the same parameters.</summary>
    private static string Parameters(object trainer)
    {
        for (var type = trainer.GetType(); type is not null; type = type.BaseType)
        {
            var field = type.GetField("GbmOptions", BindingFlags.Instance | BindingFlags.NonPublic);
            if (field?.GetValue(trainer) is Dictionary<string, object> map)
            {
                return string.Join(' ', map.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={string.Format(CultureInfo.InvariantCulture, "{0}", kv.Value)}"));
            }
        }

        return "(unknown)";
    }

    private static IDataView ToDataView(MLContext ml, IRowSource rows, float[] labels)
    {
        var width = rows.FeatureNames.Count;
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(Enumerate(rows, labels), schema);
    }

    private static IEnumerable<Row> Enumerate(IRowSource rows, float[] labels)
    {
        var width = rows.FeatureNames.Count;
        var index = 0;
        foreach (var chunk in rows.ReadChunks(CancellationToken.None))
        {
            var bytes = chunk.Features;
            for (var r = 0; r < chunk.Rows; r++)
            {
                var features = new float[width];
                Int8Features.ToFloat32(bytes.Span.Slice(r * width, width), features);
                yield return new Row { Label = labels[index++], Features = features };
            }
        }
    }

    private sealed class Row
    {
        public float Label { get; set; }

        public float[] Features { get; set; } = [];
    }
}
