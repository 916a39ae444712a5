namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

/// <summary>A document that does not parse (answered with HTTP 400 like the real server).</summary>
internal sealed class GqlSyntaxException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
