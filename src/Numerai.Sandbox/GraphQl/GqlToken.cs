namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

/// <summary>One lexical token.</summary>
internal readonly record struct GqlToken(GqlTokenKind Kind, string Text, int Line, int Column);

/// <summary>Token kinds.</summary>
internal enum GqlTokenKind
{
    Punctuator,
    Name,
    Int,
    Float,
    String,
    End,
}
