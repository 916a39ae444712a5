namespace NumeraiPipeline.Plugins.Numerai.Sandbox;

/// <summary>The NP60xx codes of numerai.sandbox (listed in docs/errors.md); their numbers are those the stage had in the download plugin.</summary>
internal static class SandboxErrorCodes
{
    /// <summary>The sandbox could not start.</summary>
    public const string SandboxStartFailed = "NP6005";

    /// <summary>A bad option value (clock, diagnostics_delay).</summary>
    public const string BadOption = "NP6006";
}
