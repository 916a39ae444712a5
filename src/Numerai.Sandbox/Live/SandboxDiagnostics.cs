using System.Text;
using System.Text.Json.Nodes;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Scoring;

namespace NumeraiPipeline.Numerai.Sandbox.Live;

/// <summary>
/// Computes diagnostics of uploaded validation predictions as Numerai does, with the engine numerai.metrics uses:
/// per-era CORR against the validation target, MMC against meta_model.parquet, BMC against the benchmark column of
/// validation_benchmark_models.parquet, FNC and the max feature exposure against a feature set of features.json
/// (<see cref="DiagnosticsValidation.FeatureSets"/>), and their summaries (mean, population std, Sharpe, max
/// drawdown). Ratings, the example-prediction comparisons and the metrics Numerai computes from data the sandbox does
/// not have (CORR v4, IC, RIC, alpha, churn, turnover, APY) are null.
/// </summary>
internal sealed partial class SandboxDiagnostics(SandboxDataStore data)
{
    public const string Done = "done";
    public const string Pending = "pending";
    public const string Failed = "failed";

    /// <summary>Scores <paramref name="csv"/> against the newest version's validation data; never throws (a failure is a failed run).</summary>
    public async Task<JsonObject> ComputeAsync(byte[] csv, CancellationToken cancellationToken)
    {
        try
        {
            var (table, error) = SubmissionCsv.Parse(Encoding.UTF8.GetString(csv));
            if (table is null)
            {
                return FailedResult(error!);
            }

            var predictions = new Dictionary<string, double>(table.Ids.Count, StringComparer.Ordinal);
            for (var i = 0; i < table.Ids.Count; i++)
            {
                if (table.Ids[i] is { } id && table.Values[i] is { } v)
                {
                    predictions[id] = v;
                }
            }

            var version = data.NewestVersion;
            var validation = await data.GetPathAsync(version, "validation.parquet", 0, cancellationToken).ConfigureAwait(false);
            if (validation is null)
            {
                return FailedResult($"the sandbox has no {version}/validation.parquet to score diagnostics against");
            }

            var featureSet = DiagnosticsValidation.FeatureSet(await data.GetPathAsync(version, "features.json", 0, cancellationToken).ConfigureAwait(false));
            var rows = DiagnosticsValidation.Read(validation, featureSet, cancellationToken);
            var ids = rows.Ids;
            var matched = ids.Count(predictions.ContainsKey);
            if (matched == 0)
            {
                return FailedResult("none of the uploaded ids is a validation id; upload predictions for validation.parquet");
            }

            var meta = await SideColumnAsync(version, "meta_model.parquet", "numerai_meta_model", cancellationToken).ConfigureAwait(false);
            var bench = await SideColumnAsync(version, "validation_benchmark_models.parquet", null, cancellationToken).ConfigureAwait(false);
            var scoring = new ScoringData
            {
                Eras = rows.Eras,
                Target = rows.Target,
                Prediction = [.. ids.Select(id => predictions.TryGetValue(id, out var p) ? p : double.NaN)],
                MetaModel = meta is null ? null : [.. ids.Select(id => meta.TryGetValue(id, out var m) ? m : double.NaN)],
                Benchmark = bench is null ? null : [.. ids.Select(id => bench.TryGetValue(id, out var b) ? b : double.NaN)],
                Features = rows.Features,
                FeatureNames = rows.FeatureNames,
            };
            var withFeatures = rows.Features is not null;
            var engine = new ScoringEngine(new ScoringOptions { FeatureNeutralCorr = withFeatures, FeatureExposure = withFeatures, MaxDegreeOfParallelism = 1 });
            return Summary(engine.Score(scoring, cancellationToken), withFeatures, matched, table.Ids.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever goes wrong with one upload is that run's failure (status failed, with the reason), not a server error.
            return FailedResult("the diagnostics could not be computed: " + e.Message);
        }
    }

    /// <summary>The lag-1 autocorrelation of the per-era series (NaN for fewer than 3 eras or a constant series).</summary>
    internal static double LagOneAutocorrelation(double[] x)
    {
        if (x.Length < 3)
        {
            return double.NaN;
        }

        var mean = x.Average();
        double num = 0, den = 0;
        for (var i = 0; i < x.Length; i++)
        {
            den += (x[i] - mean) * (x[i] - mean);
            if (i > 0)
            {
                num += (x[i] - mean) * (x[i - 1] - mean);
            }
        }

        return den == 0 ? double.NaN : num / den;
    }

    private static JsonObject FailedResult(string message) => new() { ["status"] = Failed, ["message"] = message };

    private static JsonNode? Number(double value) => double.IsNaN(value) || double.IsInfinity(value) ? null : JsonValue.Create(value);

    /// <summary>id → value of one column of a prediction-shaped file (the first non-id, non-era column when none is named).</summary>
    private async Task<Dictionary<string, double>?> SideColumnAsync(string version, string file, string? column, CancellationToken cancellationToken)
    {
        var path = await data.GetPathAsync(version, file, 0, cancellationToken).ConfigureAwait(false);
        if (path is null)
        {
            return null;
        }

        using var reader = NumeraiParquetReader.Open(path);
        var idColumn = reader.IdColumn ?? "id";
        var valueColumn = column is not null && reader.HasColumn(column)
            ? column
            : reader.Columns.FirstOrDefault(c => c != idColumn && c != NumeraiParquetReader.EraColumn && c != "__index_level_0__");
        if (valueColumn is null)
        {
            return null;
        }

        var ids = reader.ReadStringColumn(idColumn, cancellationToken);
        var values = reader.ReadNumberColumn(valueColumn, cancellationToken);
        var map = new Dictionary<string, double>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            map[ids[i]] = values[i];
        }

        return map;
    }
}
