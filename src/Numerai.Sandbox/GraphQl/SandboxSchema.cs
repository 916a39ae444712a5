namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

/// <summary>
/// The part of Numerai's schema the sandbox serves (root types <c>RootQueryType</c>/<c>RootMutationType</c>, names and
/// types from the public introspection dump; <c>Nmr</c> and <c>Time</c> values are strings). Anything else is an
/// unknown field (HTTP 400), as on the real server.
/// </summary>
internal static partial class SandboxSchema
{
    public const string QueryType = "RootQueryType";
    public const string MutationType = "RootMutationType";

    private static readonly HashSet<string> Scalars = ["String", "Int", "Float", "Boolean", "ID", "Time", "Date", "Nmr", "Usd"];

    /// <summary>Enum types and their values (enum values travel as strings).</summary>
    private static readonly Dictionary<string, string[]> Enums = new()
    {
        ["RoundStatus"] = ["OPEN", "RESOLVED", "RESOLVING", "UPCOMING"],
        ["AccountStatusEnum"] = ["VERIFIED", "UNVERIFIED", "BANNED"],
    };

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, GqlFieldDefinition>> Types = BuildTypes();

    public static bool IsScalar(string namedType) => Scalars.Contains(namedType) || Enums.ContainsKey(namedType);

    /// <summary>Whether a value given for an argument of <paramref name="argType"/> is one of its enum's values (true for non-enum types).</summary>
    public static bool IsEnumValue(string argType, System.Text.Json.Nodes.JsonNode value) =>
        !Enums.TryGetValue(argType.Trim('[', ']', '!'), out var values) || values.Contains(value.ToString(), StringComparer.Ordinal);

    /// <summary>The canonical (camelCase) spelling of a name written camelCase or snake_case.</summary>
    public static string Canonical(string name)
    {
        if (!name.Contains('_', StringComparison.Ordinal))
        {
            return name;
        }

        var parts = name.Split('_', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? name : parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static Dictionary<string, IReadOnlyDictionary<string, GqlFieldDefinition>> BuildTypes()
    {
        var types = new Dictionary<string, IReadOnlyDictionary<string, GqlFieldDefinition>>
        {
            [QueryType] = Query(),
            [MutationType] = Mutation(),
        };
        foreach (var (name, fields) in ObjectTypes())
        {
            types[name] = fields;
        }

        return types;
    }

    private static Dictionary<string, string> Args(params (string Name, string Type)[] args) => args.ToDictionary(a => a.Name, a => a.Type);

    private static Dictionary<string, GqlFieldDefinition> Scalar(params (string Name, string Type)[] fields) =>
        fields.ToDictionary(f => f.Name, f => new GqlFieldDefinition(f.Type, new Dictionary<string, string>()));

    /// <summary>Fields of one scalar type each (e.g. the many Float metrics of V2Diagnostics).</summary>
    private static IEnumerable<(string Name, string Type)> Of(string type, params string[] names) => names.Select(n => (n, type));

    private static Dictionary<string, GqlFieldDefinition> With(Dictionary<string, GqlFieldDefinition> fields, params (string Name, string Type)[] objects)
    {
        foreach (var (name, type) in objects)
        {
            fields[name] = new GqlFieldDefinition(type, new Dictionary<string, string>());
        }

        return fields;
    }
}
