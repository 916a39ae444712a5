namespace NumeraiPipeline.Orchestrator.Diagnostics;

/// <summary>One user-facing error or warning in the canonical form <c>origin: error NPnnnn: message</c>.</summary>
internal sealed record Diagnostic(string Code, string Origin, string Message, DiagnosticSeverity Severity = DiagnosticSeverity.Error)
{
    /// <summary>The exit code this diagnostic maps to (DESIGN §8).</summary>
    public int ExitCode => ExitCodes.ForCode(Code);

    public string Render() => $"{Origin}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Code}: {Message}";

    public override string ToString() => Render();
}

internal enum DiagnosticSeverity
{
    Error,
    Warning,
}
