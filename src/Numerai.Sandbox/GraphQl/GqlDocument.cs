namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

/// <summary>The (first) operation of a document.</summary>
internal sealed record GqlDocument(string Operation, IReadOnlyList<GqlVariableDefinition> Variables, IReadOnlyList<GqlField> Selections);
