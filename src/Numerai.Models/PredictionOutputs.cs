using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Scoring;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Models;

/// <summary>
/// The outputs of every stage that predicts: <c>predictions</c> (predictions.parquet: id, prediction, era when known;
/// pandas index metadata, as pyarrow writes it) and <c>csv</c> (predictions.csv, Numerai's upload format), both
/// written by <see cref="PredictionsFile"/>.
/// </summary>
public static class PredictionOutputs
{
    /// <summary>The name of the parquet output.</summary>
    public const string Predictions = "predictions";

    /// <summary>What the parquet output holds, for the stage's <c>[StageOutput]</c>.</summary>
    public const string PredictionsDescription = "predictions.parquet: id, prediction (and era when the data has one).";

    /// <summary>The name of the CSV output.</summary>
    public const string Csv = "csv";

    /// <summary>What the CSV output holds, for the stage's <c>[StageOutput]</c>.</summary>
    public const string CsvDescription = "predictions.csv: id,prediction with round-trip float precision (Numerai's upload format).";

    /// <summary>The predictions, ranked into (0, 1] within each era when <paramref name="rank"/> (one era when there are none).</summary>
    /// <param name="predictions">The raw predictions.</param>
    /// <param name="eras">The era of each row, or null/empty.</param>
    /// <param name="rank">Whether to rank.</param>
    /// <returns>The values to write.</returns>
    public static double[] Ranked(double[] predictions, IReadOnlyList<string>? eras, bool rank) =>
        rank ? Ranks.PercentWithin(predictions, EraColumn(eras, predictions.Length)) : predictions;

    /// <summary>The eras when there is one for every row, else null (live data without eras).</summary>
    /// <param name="eras">The eras read.</param>
    /// <param name="rows">The rows.</param>
    /// <returns>The era column or null.</returns>
    public static IReadOnlyList<string>? EraColumn(IReadOnlyList<string>? eras, int rows) =>
        eras is not null && eras.Count == rows && rows > 0 ? eras : null;

    /// <summary>Writes both outputs.</summary>
    /// <param name="context">The stage's context.</param>
    /// <param name="ids">The row ids.</param>
    /// <param name="predictions">The values, one per id.</param>
    /// <param name="eras">The eras (see <see cref="EraColumn"/>), or null.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The writes.</returns>
    public static async Task WriteAsync(StageContext context, IReadOnlyList<string> ids, IReadOnlyList<double> predictions, IReadOnlyList<string>? eras, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var eraColumn = EraColumn(eras, ids.Count);
        await context.Outputs.WriteFileAsync(Predictions, "predictions.parquet", (tmp, _) =>
        {
            PredictionsFile.WriteParquet(tmp, ids, predictions, PredictionsFile.PredictionColumn, eraColumn);
            return Task.CompletedTask;
        }, cancellationToken);
        await context.Outputs.WriteFileAsync(Csv, "predictions.csv", (tmp, _) =>
        {
            PredictionsFile.WriteCsv(tmp, ids, predictions);
            return Task.CompletedTask;
        }, cancellationToken);
    }
}
