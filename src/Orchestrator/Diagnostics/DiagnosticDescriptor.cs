using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Diagnostics;

/// <summary>The host's use of the SDK's <see cref="ErrorCode"/>: a diagnostic at an origin.</summary>
internal static class ErrorCodeExtensions
{
    public static Diagnostic Create(this ErrorCode code, string origin, params object?[] args) => new(code.Code, origin, code.Format(args));
}
