namespace NumeraiPipeline.Numerai.Data;

/// <summary>The NP66xx codes raised by this library (see docs/errors.md).</summary>
public static class DataErrorCodes
{
    /// <summary>A file cannot be opened or is not a valid parquet/CSV/JSON file.</summary>
    public const string UnreadableFile = "NP6601";

    /// <summary>A column the read asks for is not in the file.</summary>
    public const string MissingColumns = "NP6602";

    /// <summary>A feature set is not listed in features.json.</summary>
    public const string UnknownFeatureSet = "NP6603";

    /// <summary>A column has a type or values the reader cannot use (e.g. a feature outside 0..254).</summary>
    public const string BadColumn = "NP6604";

    /// <summary>A predictions file is malformed (header, ids, values).</summary>
    public const string BadPredictions = "NP6605";

    /// <summary>Invalid arguments to the synthetic data generator or a read spec.</summary>
    public const string InvalidOptions = "NP6606";
}
