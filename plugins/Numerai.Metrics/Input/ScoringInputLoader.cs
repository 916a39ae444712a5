using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Scoring;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Input;

/// <summary>Reads the stage's inputs (only the needed columns) and aligns them with the data's rows by id.</summary>
internal static class ScoringInputLoader
{
    private static readonly string[] NonModelColumns = ["id", "era", "data_type", "__index_level_0__"];

    public static (ScoringData Data, string? BenchmarkColumn) Load(MetricsOptions options, IReadOnlyList<string>? featureNames, ILogger logger, CancellationToken cancellationToken)
    {
        var dataPath = options.Data!.Path;
        var data = TableReader.ReadData(dataPath, options.Target, featureNames, cancellationToken);
        var predictions = TableReader.ReadValues(options.Predictions!.Path, "predictions", options.PredictionColumn);
        var (pred, matched) = IdJoin.Align(data.Ids, predictions.Ids, predictions.Values);
        logger.LogInformation("Predictions: {Matched} of {Rows} data rows have a prediction ({PredictionRows} prediction rows)", matched, data.Rows, predictions.Count);
        if (matched == 0)
        {
            throw MetricsErrors.NothingScored.Exception(Path.GetFileName(dataPath), $"none of the {predictions.Count} prediction ids is in it", options.Target);
        }

        double[]? meta = null;
        if (options.MetaModel is { } metaRef)
        {
            var table = TableReader.ReadValues(metaRef.Path, "meta_model", options.MetaModelColumn);
            (meta, var metaMatched) = IdJoin.Align(data.Ids, table.Ids, table.Values);
            logger.LogInformation("Meta model: {Matched} of {Rows} data rows have a value", metaMatched, data.Rows);
        }

        double[]? benchmark = null;
        string? benchmarkColumn = null;
        if (options.Benchmark is { } benchRef)
        {
            benchmarkColumn = options.BenchmarkColumn ?? SingleModelColumn(benchRef.Path);
            var table = TableReader.ReadValues(benchRef.Path, "benchmark", benchmarkColumn);
            (benchmark, var benchMatched) = IdJoin.Align(data.Ids, table.Ids, table.Values);
            logger.LogInformation("Benchmark {Column}: {Matched} of {Rows} data rows have a value", benchmarkColumn, benchMatched, data.Rows);
        }

        var scoring = new ScoringData
        {
            Eras = data.Eras!,
            Target = data.Numbers[options.Target],
            Prediction = pred,
            MetaModel = meta,
            Benchmark = benchmark,
            Features = data.Features,
            FeatureNames = data.Features is null ? [] : data.FeatureNames,
        };
        return (scoring, benchmarkColumn);
    }

    private static string SingleModelColumn(string path)
    {
        var columns = TableReader.Columns(path).Where(c => !NonModelColumns.Contains(c, StringComparer.Ordinal)).ToList();
        return columns.Count == 1
            ? columns[0]
            : throw MetricsErrors.BadOptions.Exception(
                "numerai.metrics",
                "benchmark_column",
                $"must name the model column to use for BMC: benchmark file '{Path.GetFileName(path)}' has {columns.Count} ({string.Join(", ", columns.Take(8))}{(columns.Count > 8 ? ", …" : "")}). Set it to one of them, e.g. v53_lgbm_ender20");
    }
}
