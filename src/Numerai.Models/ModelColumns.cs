using NumeraiPipeline.Numerai.Data;

namespace NumeraiPipeline.Numerai.Models;

/// <summary>
/// Checks, before any row is read, that a data file has the columns a model stage needs. A missing column is NP6602
/// (the data library's code for it, with its did-you-mean) in every model stage; for prediction the message also says
/// that the columns are the model's.
/// </summary>
public static class ModelColumns
{
    /// <summary>Throws NP6602 when the file lacks a column <paramref name="spec"/> reads.</summary>
    /// <param name="reader">The open data file.</param>
    /// <param name="spec">What the stage will read.</param>
    /// <param name="modelFile">The model whose features these are (prediction), or null (training: the feature set).</param>
    /// <exception cref="DataSchemaException">NP6602 (and the reader's other spec errors).</exception>
    public static void Require(NumeraiParquetReader reader, ReadSpec spec, string? modelFile = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            reader.Check(spec);
        }
        catch (DataSchemaException ex) when (modelFile is not null && ex.Error == DataErrors.MissingColumns)
        {
            // the same code, with the model as the reason: the file and the columns stay the reader's
            throw new DataSchemaException(DataErrors.MissingColumns, ex, $"the model {Path.GetFileName(modelFile)} was trained on columns the data lacks: ",
                ex.Arguments[1], ex.Arguments[2], ex.Arguments[3],
                $"{ex.Arguments[4]} Predict with data of the dataset version the model was trained on, or retrain on the current features.");
        }

        if (spec.IncludeIds && reader.IdColumn is null)
        {
            throw new DataSchemaException(DataErrors.MissingColumns, string.Empty, reader.Path, "an 'id' column (nor a pandas index of ids)", "Predictions need ids: predict a Numerai live or validation file.", string.Empty);
        }
    }
}
