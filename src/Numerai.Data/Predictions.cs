namespace NumeraiPipeline.Numerai.Data;

/// <summary>Predictions by id (parallel arrays).</summary>
public sealed class Predictions
{
    /// <summary>Creates predictions; both arrays must have the same length.</summary>
    public Predictions(string[] ids, double[] values)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(values);
        if (ids.Length != values.Length)
        {
            throw new ArgumentException($"ids ({ids.Length}) and values ({values.Length}) differ in length.", nameof(values));
        }

        Ids = ids;
        Values = values;
    }

    /// <summary>Row ids.</summary>
    public string[] Ids { get; }

    /// <summary>Prediction values (NaN where the file had none).</summary>
    public double[] Values { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Ids.Length;
}
