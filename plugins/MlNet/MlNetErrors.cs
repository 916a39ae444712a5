using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>
/// The NP61xx codes of the mlnet.* and ensemble stages (NP612x mlnet, NP613x ensemble); docs/errors.md is generated
/// from this catalogue. The conditions every model stage shares (no feature list NP6103, no rows NP6106, a missing
/// option NP6110, a missing column NP6602) are Numerai.Models' and Numerai.Data's; NP6121 (a missing option) is retired.
/// </summary>
[ErrorCatalogue("mlnet.train, mlnet.predict, ensemble")]
internal static class MlNetErrors
{
    public static readonly ErrorCode Parameter = new("NP6122", "Bad FastTree parameter", "mlnet.train: params: {0}", "Use the listed names and ranges (at plan time the same check is NP2002).", ExitClass.InvalidInput);
    public static readonly ErrorCode Model = new("NP6124", "Not an mlnet.train model", "{0}: cannot load the model {1}: {2}. Point 'model' at model.zip of mlnet.train.", "Point 'model' at mlnet.train's 'model' output.", ExitClass.InvalidInput);
    public static readonly ErrorCode MlNet = new("NP6125", "ML.NET failed", "mlnet.train: FastTree training failed on {0}: {1}. Check the parameters and the data.", "Check parameters and data.", ExitClass.Failure);
    public static readonly ErrorCode EnsembleInput = new("NP6131", "Bad ensemble inputs", "ensemble: {0}. {1}", "List at least one prediction file, and one finite weight >= 0 per file (not all 0) or none; at plan time NP2002.", ExitClass.InvalidInput);
    public static readonly ErrorCode EnsembleMissingIds = new("NP6132", "Member lacks ids", "ensemble: {0} has no (or a NaN) prediction for {1} of the {2} ids of {3} (e.g. {4}). Predict the same data file with every member (and the same data_type filter).", "Predict the same data (and data_type) with every member.", ExitClass.Failure);
}
