namespace NumeraiPipeline.Orchestrator.Diagnostics;

/// <summary>Carries one or more diagnostics to the CLI, which prints them and exits with their exit code.</summary>
internal sealed class PipelineException : Exception
{
    public PipelineException(IReadOnlyList<Diagnostic> diagnostics, Exception? inner = null)
        : base(string.Join(Environment.NewLine, diagnostics.Select(d => d.Render())), inner) => Diagnostics = diagnostics;

    public PipelineException(Diagnostic diagnostic, Exception? inner = null)
        : this([diagnostic], inner)
    {
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public int ExitCode => Diagnostics.Any(d => d.ExitCode == ExitCodes.Cancelled)
        ? ExitCodes.Cancelled
        : Diagnostics.Select(d => d.ExitCode).DefaultIfEmpty(ExitCodes.StageFailed).Max();
}
