using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Sandbox;

/// <summary>
/// The codes of numerai.sandbox; docs/errors.md is generated from this catalogue. NP6005 is the number the stage had
/// in the download plugin. Its bad options are NP6007: NP6006 is numerai.download's api_url, another stage's
/// condition (each plugin has its own option code, as numerai.submit's NP6307 and numerai.performance's NP6801).
/// </summary>
[ErrorCatalogue("numerai.sandbox")]
internal static class SandboxErrors
{
    /// <summary>The sandbox could not listen on its port.</summary>
    public static readonly ErrorCode StartFailed = new(
        "NP6005",
        "Sandbox could not start",
        "stage '{0}': the sandbox could not listen on 127.0.0.1:{1} ({2}). Use port: 0 for a free port.",
        "Use port: 0 (a free port).");

    /// <summary>A bad clock or diagnostics_delay value ({3}: what the value must be).</summary>
    public static readonly ErrorCode BadOption = new(
        "NP6007",
        "Bad sandbox option",
        "stage '{0}': option '{1}': '{2}' is not {3}.",
        "Give clock one of open, late, closed, schedule and diagnostics_delay a duration such as 30s.",
        ExitClass.InvalidInput);
}
