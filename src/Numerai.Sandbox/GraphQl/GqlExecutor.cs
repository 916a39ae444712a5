using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

/// <summary>
/// Validates a parsed document against <see cref="SandboxSchema"/> (errors → HTTP 400, no <c>data</c>) and runs its
/// root fields through resolvers (errors → HTTP 200, the field null, <c>errors</c> with path and location). Response
/// keys are the names as written (alias, camelCase or snake_case), as the real server echoes them.
/// </summary>
internal static class GqlExecutor
{
    /// <summary>A root-field resolver: gets canonical argument names → values and the selection below it; returns canonical-keyed JSON.</summary>
    public delegate JsonNode? Resolver(IReadOnlyDictionary<string, JsonNode?> arguments, GqlSelection selection);

    /// <summary>Runs a document: (HTTP status, response body).</summary>
    public static (int Status, JsonObject Body) Execute(string? query, JsonObject? variables, Func<string, Resolver?> resolverFor)
    {
        GqlDocument document;
        try
        {
            if (string.IsNullOrWhiteSpace(query))
            {
                return (400, ErrorBody([new GqlValidationError("No query document supplied", 1, 1)]));
            }

            document = GqlParser.Parse(query);
        }
        catch (GqlSyntaxException e)
        {
            return (400, ErrorBody([new GqlValidationError(e.Message, e.Line, e.Column)]));
        }

        if (document.Operation == "subscription")
        {
            return (400, ErrorBody([new GqlValidationError("Operation \"subscription\" not supported", 1, 1)]));
        }

        var rootType = document.Operation == "mutation" ? SandboxSchema.MutationType : SandboxSchema.QueryType;
        var errors = new List<GqlValidationError>();
        var values = BindVariables(document, variables ?? [], errors);
        Validate(document.Selections, rootType, values, errors);
        if (errors.Count > 0)
        {
            return (400, ErrorBody(errors));
        }

        var data = new JsonObject();
        var resolverErrors = new JsonArray();
        foreach (var field in document.Selections)
        {
            var canonical = SandboxSchema.Canonical(field.Name);
            var definition = SandboxSchema.Types[rootType][canonical];
            var arguments = field.Arguments.ToDictionary(
                a => SandboxSchema.Canonical(a.Key),
                a => a.Value.Variable is { } v ? values.GetValueOrDefault(v)?.DeepClone() : a.Value.Literal?.DeepClone());
            try
            {
                var resolver = resolverFor(canonical) ?? throw new GqlResolverException("Internal server error");
                data[field.ResponseKey] = Project(resolver(arguments, new GqlSelection(field.Selections)), field, definition.NamedType);
            }
            catch (GqlResolverException e)
            {
                data[field.ResponseKey] = null;
                resolverErrors.Add(new JsonObject
                {
                    ["message"] = e.Message,
                    ["locations"] = new JsonArray(new JsonObject { ["line"] = field.Line, ["column"] = field.Column }),
                    ["path"] = new JsonArray(field.ResponseKey),
                });
            }
        }

        var body = new JsonObject { ["data"] = data };
        if (resolverErrors.Count > 0)
        {
            body["errors"] = resolverErrors;
        }

        return (200, body);
    }

    private static Dictionary<string, JsonNode?> BindVariables(GqlDocument document, JsonObject given, List<GqlValidationError> errors)
    {
        var values = new Dictionary<string, JsonNode?>();
        foreach (var definition in document.Variables)
        {
            var value = given.TryGetPropertyValue(definition.Name, out var v) ? v : definition.Default;
            if (value is null && definition.NonNull)
            {
                errors.Add(new GqlValidationError($"Variable \"{definition.Name}\": Expected non-null, found null.", 1, 1));
            }

            values[definition.Name] = value;
        }

        return values;
    }

    private static void Validate(IReadOnlyList<GqlField> fields, string typeName, Dictionary<string, JsonNode?> variables, List<GqlValidationError> errors)
    {
        var type = SandboxSchema.Types[typeName];
        foreach (var field in fields)
        {
            var canonical = SandboxSchema.Canonical(field.Name);
            if (!type.TryGetValue(canonical, out var definition))
            {
                var suggestion = Suggest(canonical, type.Keys);
                errors.Add(new GqlValidationError(
                    $"Cannot query field \"{field.Name}\" on type \"{typeName}\".{(suggestion is null ? "" : $" Did you mean \"{suggestion}\"?")}", field.Line, field.Column));
                continue;
            }

            var given = new Dictionary<string, GqlValue>();
            foreach (var (name, value) in field.Arguments)
            {
                var argCanonical = SandboxSchema.Canonical(name);
                if (!definition.Arguments.TryGetValue(argCanonical, out var argType))
                {
                    errors.Add(new GqlValidationError($"Unknown argument \"{name}\" on field \"{field.Name}\" of type \"{typeName}\".", value.Line, value.Column));
                    continue;
                }

                if (value.Variable is { } v && !variables.ContainsKey(v))
                {
                    errors.Add(new GqlValidationError($"In argument \"{name}\": Variable \"{v}\" is not defined.", value.Line, value.Column));
                    continue;
                }

                var actual = value.Variable is { } variable ? variables[variable] : value.Literal;
                if (actual is not null && (!Accepts(argType, actual) || !SandboxSchema.IsEnumValue(argType, actual)))
                {
                    errors.Add(new GqlValidationError($"Argument \"{name}\" has invalid value {actual.ToJsonString()}.", value.Line, value.Column));
                }

                given[argCanonical] = value;
            }

            foreach (var (argName, argType) in definition.Arguments.Where(a => a.Value.EndsWith('!')))
            {
                var present = given.TryGetValue(argName, out var value) && (value.Variable is { } v ? variables.GetValueOrDefault(v) : value.Literal) is not null;
                if (!present)
                {
                    errors.Add(new GqlValidationError($"In argument \"{argName}\": Expected type \"{argType}\", found null.", field.Line, field.Column));
                }
            }

            var named = definition.NamedType;
            if (SandboxSchema.IsScalar(named))
            {
                if (field.Selections is not null)
                {
                    errors.Add(new GqlValidationError($"Field \"{field.Name}\" must not have a selection since type \"{named}\" has no subfields.", field.Line, field.Column));
                }
            }
            else if (field.Selections is null)
            {
                errors.Add(new GqlValidationError($"Field \"{field.Name}\" of type \"{definition.Type}\" must have a selection of subfields. Did you mean \"{field.Name} {{ ... }}\"?", field.Line, field.Column));
            }
            else
            {
                Validate(field.Selections, named, variables, errors);
            }
        }
    }

    private static bool Accepts(string argType, JsonNode value)
    {
        var named = argType.Trim('[', ']', '!');
        var kind = value.GetValueKind();
        return named switch
        {
            "Int" => kind == JsonValueKind.Number && double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == Math.Floor(d),
            "Float" => kind == JsonValueKind.Number,
            "Boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "ID" => kind is JsonValueKind.String or JsonValueKind.Number,
            _ => kind == JsonValueKind.String,
        };
    }

    private static JsonNode? Project(JsonNode? value, GqlField field, string namedType)
    {
        if (value is null || SandboxSchema.IsScalar(namedType))
        {
            return value?.DeepClone();
        }

        if (value is JsonArray array)
        {
            return new JsonArray([.. array.Select(item => Project(item, field, namedType))]);
        }

        var source = (JsonObject)value;
        var type = SandboxSchema.Types[namedType];
        var result = new JsonObject();
        foreach (var selection in field.Selections!)
        {
            var canonical = SandboxSchema.Canonical(selection.Name);
            result[selection.ResponseKey] = Project(source[canonical], selection, type[canonical].NamedType);
        }

        return result;
    }

    private static string? Suggest(string name, IEnumerable<string> candidates) =>
        candidates.Select(c => (c, d: EditDistance.Between(name, c, ignoreCase: true))).Where(x => x.d <= Math.Max(2, name.Length / 3)).OrderBy(x => x.d).Select(x => x.c).FirstOrDefault();

    private static JsonObject ErrorBody(IEnumerable<GqlValidationError> errors) => new()
    {
        ["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject
        {
            ["message"] = e.Message,
            ["locations"] = new JsonArray(new JsonObject { ["line"] = e.Line, ["column"] = e.Column }),
        })]),
    };
}
