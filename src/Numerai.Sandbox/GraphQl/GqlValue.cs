using System.Text.Json.Nodes;

namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

/// <summary>An argument value: a variable reference, or a literal (enums as strings; lists and objects as JSON).</summary>
/// <param name="Variable">The variable name (without $) when this is a reference.</param>
/// <param name="Literal">The literal value otherwise.</param>
/// <param name="Line">Line of the value.</param>
/// <param name="Column">Column of the value.</param>
internal sealed record GqlValue(string? Variable, JsonNode? Literal, int Line, int Column);
