using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Data;

/// <summary>
/// The NP66xx codes of the Numerai data library (reading data, features.json and predictions files, and the synthetic
/// data generator); docs/errors.md is generated from this catalogue. A <see cref="DataSchemaException"/> carries one.
/// </summary>
[ErrorCatalogue("Numerai data files (Numerai.Data)")]
public static class DataErrors
{
    /// <summary>A file cannot be opened or is not a valid parquet/CSV/JSON file (missing, damaged, cut short).</summary>
    public static readonly ErrorCode UnreadableFile = new("NP6601", "Unreadable file", "Cannot read {0} '{1}': {2}. Check the path; download the file again if it is damaged or cut short.", "Check the path, or download the file again.", ExitClass.InvalidInput);

    /// <summary>
    /// Columns a read needs are not in the file (all listed, with a did-you-mean): {0} the context (empty, or the model
    /// whose columns they are), {1} the file, {2} the columns, {3} how to fix, {4} the did-you-mean.
    /// </summary>
    public static readonly ErrorCode MissingColumns = new("NP6602", "Missing columns", "{0}'{1}' lacks {2}. {3}{4}", "Use the features.json and data of one dataset version; name the columns the file has.", ExitClass.InvalidInput);

    /// <summary>A feature set is not listed in features.json.</summary>
    public static readonly ErrorCode UnknownFeatureSet = new("NP6603", "Unknown feature set", "Unknown feature set '{0}'. Known sets: {1}.{2}", "Use one of the sets features.json lists.", ExitClass.InvalidInput);

    /// <summary>A column has a type or values the reader cannot use (e.g. a feature outside 0..254).</summary>
    public static readonly ErrorCode BadColumn = new("NP6604", "Unusable column", "Column '{0}' in '{1}' {2}. Ids and eras must be text columns; features, targets and predictions numbers, features whole numbers 0..254 (Numerai's are 0..4).", "Point the option at a column of the right kind.", ExitClass.InvalidInput);

    /// <summary>A predictions CSV is malformed (header, fields, ids, values).</summary>
    public static readonly ErrorCode BadPredictions = new("NP6605", "Malformed predictions file", "Predictions CSV {0}: {1}. Write a header 'id,prediction' (or 'id,' and the named column), then one line per id with a number.", "Write 'id,prediction' and one line per id.", ExitClass.InvalidInput);

    /// <summary>Invalid arguments to the synthetic data generator or a read spec.</summary>
    public static readonly ErrorCode InvalidOptions = new("NP6606", "Invalid read or generator options", "Invalid {0}: {1}.", "Fix the named option.", ExitClass.InvalidInput);
}
