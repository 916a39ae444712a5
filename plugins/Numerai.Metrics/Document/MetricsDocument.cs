using System.Text.Json;
using System.Text.Json.Serialization;
using NumeraiPipeline.Numerai.Scoring;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Document;

/// <summary>
/// metrics.json: <c>{"corr": {mean, std, sharpe, max_drawdown, eras, per_era}, "mmc": …, "bmc": …, "fnc": …,
/// "feature_exposure": {mean, max, per_era, per_era_feature}, "corr_with_meta_model": …, "info": …}</c>. A metric
/// whose input was not given is absent; a value that could not be computed is null.
/// </summary>
internal sealed class MetricsDocument
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>CORR (numerai_corr).</summary>
    [JsonPropertyName("corr")]
    public SeriesReport? Corr { get; set; }

    /// <summary>MMC against the meta model.</summary>
    [JsonPropertyName("mmc")]
    public SeriesReport? Mmc { get; set; }

    /// <summary>BMC against the benchmark.</summary>
    [JsonPropertyName("bmc")]
    public SeriesReport? Bmc { get; set; }

    /// <summary>Feature-neutral CORR.</summary>
    [JsonPropertyName("fnc")]
    public SeriesReport? Fnc { get; set; }

    /// <summary>Max feature exposure.</summary>
    [JsonPropertyName("feature_exposure")]
    public ExposureReport? FeatureExposure { get; set; }

    /// <summary>numerai_corr of the predictions with the meta model.</summary>
    [JsonPropertyName("corr_with_meta_model")]
    public SeriesReport? CorrWithMetaModel { get; set; }

    /// <summary>numerai_corr of the predictions with the benchmark.</summary>
    [JsonPropertyName("corr_with_benchmark")]
    public SeriesReport? CorrWithBenchmark { get; set; }

    /// <summary>What was scored.</summary>
    [JsonPropertyName("info")]
    public MetricsInfo Info { get; set; } = new();

    /// <summary>Builds the document from a scoring result; <paramref name="data"/> says which inputs were present.</summary>
    public static MetricsDocument From(ScoringResult result, ScoringData data, ScoringOptions options, MetricsInfo info)
    {
        var hasFeatures = data.Features is not null && data.FeatureNames.Count > 0;
        var doc = new MetricsDocument
        {
            Corr = Series(result, e => e.Corr),
            Mmc = data.MetaModel is null ? null : Series(result, e => e.Mmc),
            CorrWithMetaModel = data.MetaModel is null ? null : Series(result, e => e.CorrWithMetaModel),
            Bmc = data.Benchmark is null ? null : Series(result, e => e.Bmc),
            CorrWithBenchmark = data.Benchmark is null ? null : Series(result, e => e.CorrWithBenchmark),
            Fnc = hasFeatures && options.FeatureNeutralCorr ? Series(result, e => e.Fnc) : null,
            Info = info,
        };
        if (hasFeatures && options.FeatureExposure)
        {
            var exposure = new ExposureReport();
            foreach (var e in result.Eras)
            {
                exposure.PerEra[e.Era] = Finite(e.MaxFeatureExposure);
                exposure.PerEraFeature[e.Era] = e.MaxExposureFeature;
            }

            var values = result.Eras.Select(e => e.MaxFeatureExposure).Where(double.IsFinite).ToArray();
            exposure.Mean = values.Length == 0 ? null : values.Average();
            exposure.Max = values.Length == 0 ? null : values.Max();
            doc.FeatureExposure = exposure;
        }

        info.Eras = result.Eras.Count;
        info.UnlabelledEras = result.UnlabelledEras;
        info.Rows = result.Eras.Sum(e => (long)e.ScoredRows);
        info.Notes = [.. result.Notes];
        return doc;
    }

    /// <summary>Reads a metrics.json file.</summary>
    public static MetricsDocument Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<MetricsDocument>(stream, Json) ?? throw new JsonException("metrics.json is empty");
    }

    /// <summary>Writes the document.</summary>
    public async Task SaveAsync(Stream stream, CancellationToken cancellationToken) =>
        await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);

    /// <summary>The series by its metrics.json key, or null.</summary>
    public SeriesReport? SeriesByName(string name) => name switch
    {
        "corr" => Corr,
        "mmc" => Mmc,
        "bmc" => Bmc,
        "fnc" => Fnc,
        "corr_with_meta_model" => CorrWithMetaModel,
        "corr_with_benchmark" => CorrWithBenchmark,
        _ => null,
    };

    private static SeriesReport Series(ScoringResult result, Func<EraScore, double> metric)
    {
        var summary = result.Summary(metric);
        var report = new SeriesReport
        {
            Mean = Finite(summary.Mean),
            Std = Finite(summary.Std),
            Sharpe = Finite(summary.Sharpe),
            MaxDrawdown = Finite(summary.MaxDrawdown),
            Eras = summary.Eras,
        };
        foreach (var e in result.Eras)
        {
            report.PerEra[e.Era] = Finite(metric(e));
        }

        return report;
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
