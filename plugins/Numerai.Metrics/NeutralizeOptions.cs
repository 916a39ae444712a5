using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Metrics;

/// <summary>Options of <c>numerai.neutralize</c>.</summary>
public sealed class NeutralizeOptions : IValidatableObject
{
    /// <summary>The predictions: parquet (id, era, prediction columns) or CSV (id and the columns).</summary>
    [Required]
    [Description("Predictions to neutralize: parquet with id and prediction columns (as lightgbm.predict and ensemble write), or CSV.")]
    public ArtifactRef? Predictions { get; set; }

    /// <summary>The columns to neutralize; empty = every value column of the file.</summary>
    [Description("Prediction columns to neutralize (each on its own); every value column of the file (not id, era, data_type) when empty.")]
    public List<string> PredictionColumns { get; set; } = [];

    /// <summary>The data with the features of the predictions' ids.</summary>
    [Required]
    [Description("Parquet with id, era and the features for the predictions' ids, e.g. validation.parquet or live.parquet; its eras group the rows.")]
    public ArtifactRef? Data { get; set; }

    /// <summary>features.json, to resolve <see cref="FeatureSet"/>.</summary>
    [Description("features.json, to resolve feature_set.")]
    public ArtifactRef? Features { get; set; }

    /// <summary>The feature set of features.json to neutralize against (e.g. small, medium, all).</summary>
    [Description("The feature set of features.json to neutralize against (small, medium, all, ...); needs 'features'. Or list 'columns'.")]
    public string? FeatureSet { get; set; }

    /// <summary>Feature columns of the data to neutralize against, instead of a feature set.</summary>
    [Description("Feature columns of the data to neutralize against, instead of feature_set.")]
    public List<string> Columns { get; set; } = [];

    /// <summary>How much of the fitted exposure is removed: y − proportion·X·β.</summary>
    [Description("Fraction of the least-squares fit on the features (plus a constant) subtracted: 0 keeps the predictions, 1 removes all linear exposure.")]
    public double Proportion { get; set; } = 1.0;

    /// <summary>Rank the neutralized values to (0, 1] per era, as the ensemble stage does.</summary>
    [Description("Rank each neutralized column per era to (0, 1] (pandas rank(pct=True), ties averaged), as the ensemble stage does; false writes the neutralized values themselves.")]
    public bool Rank { get; set; } = true;

    /// <summary>Largest block of feature rows read at once, in MB.</summary>
    [Range(16, 65536)]
    [Description("Largest block of feature rows read from the data at once, in MB (a larger parquet row group is read in parts); memory is about this plus one era per worker.")]
    public int BlockMb { get; set; } = 512;

    /// <summary>Parallel era workers; 0 = one per core.</summary>
    [Range(0, 1024)]
    [Description("Parallel era workers; 0 = one per core.")]
    public int Parallelism { get; set; }

    /// <summary>
    /// Checked when the pipeline is planned: proportion in [0, 1]; a feature set (with features.json) or columns, not
    /// both; no empty or repeated names.
    /// </summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (!(Proportion >= 0 && Proportion <= 1))
        {
            yield return new ValidationResult(
                $"option 'proportion' is {Proportion.ToString(CultureInfo.InvariantCulture)}; it must be between 0 and 1 (the fraction of the feature fit removed, e.g. 0.5).",
                [nameof(Proportion)]);
        }

        var hasSet = FeatureSet is not null;
        if (hasSet && Columns.Count > 0)
        {
            yield return new ValidationResult(
                "options 'feature_set' and 'columns' are both given. Neutralize against a feature set of features.json or against listed columns: remove one.",
                [nameof(Columns)]);
        }
        else if (!hasSet && Columns.Count == 0)
        {
            yield return new ValidationResult(
                "no features to neutralize against. Set 'feature_set' (e.g. small, with 'features' pointing at features.json) or list feature 'columns'.",
                [nameof(FeatureSet)]);
        }

        if (hasSet && string.IsNullOrWhiteSpace(FeatureSet))
        {
            yield return new ValidationResult("option 'feature_set' is empty. Name a feature set of features.json, e.g. small.", [nameof(FeatureSet)]);
        }

        if (hasSet && Features is null)
        {
            yield return new ValidationResult(
                $"option 'feature_set' ({FeatureSet}) needs 'features', the features.json that defines it, e.g. \"${{stages.download.outputs.features}}\".",
                [nameof(Features)]);
        }

        if (hasSet && !string.IsNullOrWhiteSpace(FeatureSet) && Features is { Exists: true } && UnknownFeatureSet(Features.Path, FeatureSet) is { } unknown)
        {
            yield return new ValidationResult($"option 'feature_set': {unknown}", [nameof(FeatureSet)]);
        }

        foreach (var problem in NameProblems("columns", nameof(Columns), Columns).Concat(NameProblems("prediction_columns", nameof(PredictionColumns), PredictionColumns)))
        {
            yield return problem;
        }

        foreach (var overlap in PredictionColumns.Intersect(Columns, StringComparer.Ordinal).Take(1))
        {
            yield return new ValidationResult($"'{overlap}' is both a prediction column and a feature column. A column cannot be neutralized against itself.", [nameof(PredictionColumns)]);
        }
    }

    /// <summary>
    /// When features.json is already on disk at plan time (a literal path, not a stage's output), an unknown set is
    /// reported now; an unreadable file is left to the run, which names its problem.
    /// </summary>
    private static string? UnknownFeatureSet(string featuresPath, string featureSet)
    {
        try
        {
            FeatureMetadata.Load(featuresPath).Resolve(featureSet);
            return null;
        }
        catch (DataSchemaException ex) when (ex.Error == DataErrors.UnknownFeatureSet)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is DataSchemaException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IEnumerable<ValidationResult> NameProblems(string option, string member, List<string> names)
    {
        if (names.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult($"option '{option}' has an empty name. Name each column.", [member]);
        }

        foreach (var repeated in names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).Take(1))
        {
            yield return new ValidationResult($"option '{option}' names '{repeated}' more than once. List each column once.", [member]);
        }
    }
}
