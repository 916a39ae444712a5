using System.Globalization;
using System.Text.Json.Nodes;
using NumeraiPipeline.Orchestrator.Definition;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Planning;

/// <summary>
/// Turns YAML values into JSON for binding, interpolating <c>${...}</c>. At plan time stage outputs are unknown
/// (<see cref="StageOutputs"/> is null): such values become <see cref="Unresolved"/> markers.
/// </summary>
internal sealed class ValueResolver(PipelineDefinition pipeline, ISecretStore secrets, Func<string, string, string?>? stageOutputs, Func<string, string?> environment)
{
    public const string Unresolved = "\u0001unresolved\u0001";

    public Func<string, string, string?>? StageOutputs => stageOutputs;

    public HashSet<string> UsedSecretValues { get; } = new(StringComparer.Ordinal);

    public JsonNode? ToJson(YNode node, List<Diagnostic> diagnostics, int depth = 0) => node switch
    {
        YMapping m => new JsonObject(m.Entries.Select(e => KeyValuePair.Create(e.Key, ToJson(e.Value, diagnostics, depth)))),
        YSequence s => new JsonArray(s.Items.Select(i => ToJson(i, diagnostics, depth)).ToArray()),
        YScalar sc => ScalarToJson(sc, diagnostics, depth),
        _ => null,
    };

    public string Interpolate(string text, SourceLocation location, List<Diagnostic> diagnostics, int depth = 0) =>
        Interpolation.Substitute(text, r => Resolve(r, location, diagnostics, depth) switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            null => "",
            var n => n.ToJsonString(),
        });

    private JsonNode? ScalarToJson(YScalar scalar, List<Diagnostic> diagnostics, int depth)
    {
        if (scalar.IsNull)
        {
            return null;
        }

        var text = scalar.Value!;
        if (Interpolation.Whole(text) is { } whole)
        {
            var resolved = Resolve(whole, scalar.Location, diagnostics, depth);
            // Quotes make a scalar a string ("${vars.n}" is "5", not 5); a list or map stays what it is, so that
            // weights: "${vars.weights}" is the list, not its JSON text.
            return scalar.Quoted && resolved is JsonValue && resolved.GetValueKind() != System.Text.Json.JsonValueKind.String
                ? JsonValue.Create(resolved.ToJsonString().Trim('"'))
                : resolved;
        }

        if (Interpolation.Find(text).Count > 0)
        {
            return JsonValue.Create(Interpolate(text, scalar.Location, diagnostics, depth));
        }

        return scalar.Quoted ? JsonValue.Create(text.Replace("$${", "${", StringComparison.Ordinal)) : Infer(text);
    }

    /// <summary>Plain YAML scalars: booleans, numbers, else strings.</summary>
    public static JsonNode Infer(string text)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(text);
    }

    private JsonNode? Resolve(Reference r, SourceLocation location, List<Diagnostic> diagnostics, int depth)
    {
        switch (r.Kind)
        {
            case ReferenceKind.Vars when r.Parts.Count == 1:
                if (pipeline.Vars.TryGetValue(r.Parts[0], out var v))
                {
                    if (depth > 8)
                    {
                        diagnostics.Add(DiagnosticCodes.BadReference.Create(location.ToString(), r.Text, "is part of a cycle of variables", ""));
                        return null;
                    }

                    return ToJson(v, diagnostics, depth + 1);
                }

                diagnostics.Add(DiagnosticCodes.BadReference.Create(location.ToString(), r.Text, $"refers to variable '{r.Parts[0]}', which is not defined under 'vars'", Suggestions.DidYouMean(r.Parts[0], pipeline.Vars.Keys)));
                return null;
            case ReferenceKind.Env when r.Parts.Count == 1:
                var env = environment(r.Parts[0]);
                if (!string.IsNullOrEmpty(env))
                {
                    return JsonValue.Create(env);
                }

                if (r.Default is not null)
                {
                    return JsonValue.Create(r.Default);
                }

                diagnostics.Add(DiagnosticCodes.MissingEnv.Create(location.ToString(), r.Parts[0]));
                return null;
            case ReferenceKind.Secrets when r.Parts.Count == 1:
                var secret = secrets.Get(r.Parts[0]);
                if (secret is null)
                {
                    diagnostics.Add(DiagnosticCodes.MissingSecretReference.Create(location.ToString(), r.Parts[0]));
                    return null;
                }

                UsedSecretValues.Add(secret);
                return JsonValue.Create(secret);
            case ReferenceKind.Stages when r.OutputName is not null:
                if (stageOutputs is null)
                {
                    return JsonValue.Create(Unresolved);
                }

                var value = stageOutputs(r.StageId!, r.OutputName);
                if (value is null)
                {
                    diagnostics.Add(DiagnosticCodes.BadReference.Create(location.ToString(), r.Text, $"has no value: stage '{r.StageId}' did not produce output '{r.OutputName}'", ""));
                }

                return value is null ? null : JsonValue.Create(value);
            default:
                var hint = r.Kind switch
                {
                    ReferenceKind.Stages => " Use ${stages.ID.outputs.NAME}.",
                    ReferenceKind.Unknown => Suggestions.DidYouMean(r.Text.Length > 2 ? r.Text[2..].Split('.')[0].TrimEnd('}') : "", ["vars", "env", "secrets", "stages", "matrix"]) + " References start with vars., env., secrets., stages. or matrix.",
                    ReferenceKind.Matrix => " Use ${matrix.KEY} in a stage with 'matrix:'.",
                    _ => $" Use ${{{r.Kind.ToString().ToLowerInvariant()}.NAME}}.",
                };
                diagnostics.Add(DiagnosticCodes.BadReference.Create(location.ToString(), r.Text, "is not a valid reference", hint));
                return null;
        }
    }
}
