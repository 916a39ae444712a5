using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics;

/// <summary>Options of <c>numerai.metrics</c>.</summary>
public sealed class MetricsOptions : IValidatableObject
{
    /// <summary>The predictions: parquet or CSV with <c>id</c> and the prediction column.</summary>
    [Required]
    [Description("Predictions: parquet or CSV with id and a prediction column.")]
    public ArtifactRef? Predictions { get; set; }

    /// <summary>The prediction column.</summary>
    [Description("The prediction column of the predictions file.")]
    public string PredictionColumn { get; set; } = "prediction";

    /// <summary>The scored data: parquet (or CSV) with id, era, the target and the features.</summary>
    [Required]
    [Description("Data with id, era, the target and (for FNC/exposure) the features, e.g. validation.parquet.")]
    public ArtifactRef? Data { get; set; }

    /// <summary>The target column.</summary>
    [Description("The target column.")]
    public string Target { get; set; } = "target";

    /// <summary>Meta-model predictions (id, numerai_meta_model) for MMC.</summary>
    [Description("meta_model.parquet (id, numerai_meta_model) for MMC; optional.")]
    public ArtifactRef? MetaModel { get; set; }

    /// <summary>The meta-model column.</summary>
    [Description("The meta-model column.")]
    public string MetaModelColumn { get; set; } = "numerai_meta_model";

    /// <summary>Benchmark predictions (id + one column per benchmark model) for BMC.</summary>
    [Description("Benchmark models file (e.g. validation_benchmark_models.parquet) for BMC; optional.")]
    public ArtifactRef? Benchmark { get; set; }

    /// <summary>The benchmark column; may be omitted when the file has a single one.</summary>
    [Description("The benchmark column, e.g. v53_lgbm_ender20; may be omitted when the file has one.")]
    public string? BenchmarkColumn { get; set; }

    /// <summary>features.json, to resolve <see cref="FeatureSet"/>.</summary>
    [Description("features.json, for FNC and feature exposure; optional.")]
    public ArtifactRef? Features { get; set; }

    /// <summary>The feature set of features.json (e.g. small, medium, all).</summary>
    [Description("The feature set of features.json used for FNC and exposure.")]
    public string FeatureSet { get; set; } = "small";

    /// <summary>Whether to compute feature-neutral CORR (costly with many features).</summary>
    [Description("Compute feature-neutral CORR (a least-squares fit per era) when features are given.")]
    public bool Fnc { get; set; } = true;

    /// <summary>Parallel era workers; 0 = one per core.</summary>
    [Range(0, 1024)]
    [Description("Parallel era workers; 0 = one per core.")]
    public int Parallelism { get; set; }

    /// <summary>Checked when the pipeline is planned: the column and feature-set names are not empty.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        foreach (var (option, member, value) in new[]
        {
            ("prediction_column", nameof(PredictionColumn), (string?)PredictionColumn),
            ("target", nameof(Target), Target),
            ("meta_model_column", nameof(MetaModelColumn), MetaModelColumn),
            ("feature_set", nameof(FeatureSet), FeatureSet),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return new ValidationResult($"option '{option}' is empty. Name a column (or feature set), or remove the option for its default.", [member]);
            }
        }

        if (BenchmarkColumn is { } column && string.IsNullOrWhiteSpace(column))
        {
            yield return new ValidationResult("option 'benchmark_column' is empty. Name a column of the benchmark file, or remove the option when the file has one.", [nameof(BenchmarkColumn)]);
        }
    }
}
