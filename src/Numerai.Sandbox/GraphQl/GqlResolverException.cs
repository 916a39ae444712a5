namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

/// <summary>A resolver error: answered with HTTP 200, the field null, and the message in <c>errors</c>.</summary>
internal sealed class GqlResolverException(string message) : Exception(message);
