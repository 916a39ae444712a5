using System.Text.Json;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Neutralize;

/// <summary>
/// neutralization.json: the settings, and per prediction column the mean (over eras) of the max feature exposure
/// before and after, the eras where the column was constant (NaN), and per-era figures.
/// </summary>
internal sealed class NeutralizationReport
{
    private readonly NeutralizeSettings settings;
    private readonly IReadOnlyList<string> columns;
    private readonly IReadOnlyList<EraOutcome> eras;

    public NeutralizationReport(NeutralizeSettings settings, IReadOnlyList<string> columns, IEnumerable<EraOutcome> eras, string? featureSet, int rows)
    {
        this.settings = settings;
        this.columns = columns;
        this.eras = [.. eras.Where(e => e.Rows > 0).OrderBy(e => e.Era, StringComparer.Ordinal)];
        FeatureSet = featureSet;
        Rows = rows;
    }

    public string? FeatureSet { get; }

    public int Rows { get; }

    public int Eras => eras.Count;

    /// <summary>Mean over eras of the column's max exposure before (input values).</summary>
    public double ExposureBefore(int column) => Mean(eras.Select(e => e.Columns[column].ExposureBefore));

    /// <summary>Mean over eras of the column's max exposure after (values written).</summary>
    public double ExposureAfter(int column) => Mean(eras.Select(e => e.Columns[column].ExposureAfter));

    /// <summary>Eras where the column was constant and became NaN.</summary>
    public IReadOnlyList<string> ZeroVarianceEras(int column) => [.. eras.Where(e => e.Columns[column].ZeroVariance).Select(e => e.Era)];

    /// <summary>Rows of the column that were fitted (not NaN in the input).</summary>
    public long FittedRows(int column) => eras.Sum(e => (long)e.Columns[column].Rows);

    public async Task SaveAsync(Stream stream, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("proportion", settings.Proportion);
        json.WriteBoolean("rank", settings.Rank);
        json.WriteString("feature_set", FeatureSet);
        json.WriteNumber("features", settings.FeatureNames.Count);
        json.WriteNumber("rows", Rows);
        json.WriteNumber("eras", Eras);
        json.WriteStartObject("columns");
        for (var c = 0; c < columns.Count; c++)
        {
            json.WriteStartObject(columns[c]);
            Number(json, "exposure_before", ExposureBefore(c));
            Number(json, "exposure_after", ExposureAfter(c));
            json.WriteNumber("fitted_rows", FittedRows(c));
            json.WriteStartArray("zero_variance_eras");
            foreach (var era in ZeroVarianceEras(c))
            {
                json.WriteStringValue(era);
            }

            json.WriteEndArray();
            json.WriteStartObject("per_era");
            foreach (var era in eras)
            {
                var o = era.Columns[c];
                json.WriteStartObject(era.Era);
                json.WriteNumber("rows", o.Rows);
                json.WriteNumber("rank", o.Rank);
                Number(json, "exposure_before", o.ExposureBefore);
                Number(json, "exposure_after", o.ExposureAfter);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static double Mean(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? double.NaN : finite.Average();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
