namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

/// <summary>A document validation error (HTTP 400).</summary>
internal sealed record GqlValidationError(string Message, int Line, int Column);
