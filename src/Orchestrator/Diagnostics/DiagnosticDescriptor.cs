namespace NumeraiPipeline.Orchestrator.Diagnostics;

/// <summary>One entry of the error catalogue: a code, a message template ({0}, {1}, …) and a help line.</summary>
internal sealed record DiagnosticDescriptor(string Code, string Title, string Template, string Help)
{
    public Diagnostic Create(string origin, params object?[] args) =>
        new(Code, origin, string.Format(System.Globalization.CultureInfo.InvariantCulture, Template, args));
}
