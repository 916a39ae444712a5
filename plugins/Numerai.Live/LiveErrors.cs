using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Live;

/// <summary>The NP68xx codes of numerai.performance and numerai.diagnostics; docs/errors.md is generated from this catalogue.</summary>
[ErrorCatalogue("numerai.performance, numerai.diagnostics")]
internal static class LiveErrors
{
    public static readonly ErrorCode BadOption = new("NP6801", "Bad option", "stage '{0}': option '{1}': {2}", "Fix the option (an absolute http(s) api_url, a duration such as 30m).", ExitClass.InvalidInput);
    public static readonly ErrorCode DiagnosticsFailed = new("NP6802", "Diagnostics failed", "stage '{0}': Numerai could not compute the diagnostics {1}: {2}. Check that the predictions are for validation.parquet's ids.", "Upload predictions for validation.parquet's ids.", ExitClass.Failure);
    public static readonly ErrorCode DiagnosticsTimedOut = new("NP6803", "Diagnostics not ready", "stage '{0}': the diagnostics {1} were not computed within max_wait {2} (status '{3}'). Raise max_wait, or read them later on numer.ai.", "Raise max_wait, or read them later on numer.ai.", ExitClass.Failure);
    public static readonly ErrorCode PredictionsUnreadable = new("NP6804", "Predictions unreadable", "stage '{0}': option 'predictions': {1}", "Check 'predictions' and 'prediction_column'.", ExitClass.Failure);
}
