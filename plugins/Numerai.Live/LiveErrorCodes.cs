namespace NumeraiPipeline.Plugins.Numerai.Live;

/// <summary>NP68xx codes of numerai.performance and numerai.diagnostics (listed in docs/errors.md).</summary>
internal static class LiveErrorCodes
{
    /// <summary>A bad option value (api_url, a duration).</summary>
    public const string BadOption = "NP6801";

    /// <summary>Numerai reported the diagnostics as failed (its message is quoted).</summary>
    public const string DiagnosticsFailed = "NP6802";

    /// <summary>The diagnostics were not computed within max_wait.</summary>
    public const string DiagnosticsTimedOut = "NP6803";

    /// <summary>The predictions file cannot be read.</summary>
    public const string PredictionsUnreadable = "NP6804";
}
