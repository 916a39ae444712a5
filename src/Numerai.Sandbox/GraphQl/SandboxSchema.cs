namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

/// <summary>
/// The part of Numerai's schema the sandbox serves (root types <c>RootQueryType</c>/<c>RootMutationType</c>, names from
/// the public introspection dump). Anything else is an unknown field (HTTP 400), as on the real server.
/// </summary>
internal static class SandboxSchema
{
    public const string QueryType = "RootQueryType";
    public const string MutationType = "RootMutationType";

    private static readonly HashSet<string> Scalars = ["String", "Int", "Float", "Boolean", "ID", "Time", "Date", "Nmr", "Usd"];

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, GqlFieldDefinition>> Types =
        new Dictionary<string, IReadOnlyDictionary<string, GqlFieldDefinition>>
        {
            [QueryType] = new Dictionary<string, GqlFieldDefinition>
            {
                ["rounds"] = new("[Round]", Args(("limit", "Int"), ("number", "Int"), ("status", "RoundStatus"), ("target", "String"), ("tournament", "Int"))),
                ["listDatasets"] = new("[String]", Args(("round", "Int"), ("tournament", "Int"))),
                ["dataset"] = new("String", Args(("filename", "String!"), ("round", "Int"), ("tournament", "Int"))),
                ["account"] = new("Account", Args(), Authenticated: true),
                ["submissionUploadAuth"] = new("FileUploadAuth", Args(("filename", "String!"), ("modelId", "ID"), ("tournament", "Int!")), Authenticated: true),
                ["submissions"] = new("[V2Submission]", Args(("id", "ID"), ("modelId", "ID")), Authenticated: true),
                ["submissionScores"] = new("[SubmissionScore]", Args(
                    ("modelId", "ID!"), ("displayName", "String"), ("version", "String"), ("day", "Int"), ("resolved", "Boolean"), ("tournament", "Int"),
                    ("lastNRounds", "Int"), ("distinctOnRound", "Boolean"))),
            },
            [MutationType] = new Dictionary<string, GqlFieldDefinition>
            {
                ["createSubmission"] = new("V2Submission", Args(
                    ("dataDatestamp", "Int"), ("filename", "String!"), ("modelId", "ID"), ("source", "String"), ("tournament", "Int!"), ("triggerId", "ID"), ("version", "Int")),
                    Authenticated: true),
            },
            ["Round"] = Scalar(
                ("id", "ID"), ("number", "Int"), ("tournament", "Int"), ("target", "String"), ("isDaily", "Boolean"), ("dataDatestamp", "Int"), ("openTime", "Time"),
                ("closeTime", "Time"), ("closeStakingTime", "Time"), ("scoreTime", "Time"), ("resolveTime", "Time"), ("resolvedGeneral", "Boolean"),
                ("resolvedStaking", "Boolean"), ("payoutFactor", "String"), ("stakeThreshold", "Float")),
            ["Account"] = new Dictionary<string, GqlFieldDefinition>
            {
                ["id"] = new("ID", Args()),
                ["username"] = new("String", Args()),
                ["models"] = new("[Model]", Args()),
                ["apiTokens"] = new("[ApiToken]", Args()),
            },
            ["ApiToken"] = Scalar(("name", "String"), ("publicId", "String"), ("scopes", "[String]")),
            ["Model"] = Scalar(("id", "ID"), ("name", "String"), ("tournament", "Int")),
            ["FileUploadAuth"] = Scalar(("accelerated", "Boolean"), ("countryCode", "String"), ("filename", "String"), ("url", "String")),
            ["V2Submission"] = new Dictionary<string, GqlFieldDefinition>(Scalar(
                ("id", "ID"), ("filename", "String"), ("insertedAt", "Time"), ("selected", "Boolean"), ("status", "String"), ("triggerId", "ID"),
                ("dataDatestamp", "Int"), ("sourcePlatform", "String"), ("submittedCount", "Int"), ("filteredCount", "Int"), ("invalidTickers", "String"),
                ("errorInfo", "String")))
            {
                ["round"] = new("Round", Args()),
            },
            ["SubmissionScore"] = Scalar(
                ("roundId", "ID"), ("submissionId", "ID"), ("roundNumber", "Int"), ("roundResolveTime", "Time"), ("roundScoreTime", "Time"),
                ("roundCloseStakingTime", "Time"), ("value", "Float"), ("percentile", "Float"), ("displayName", "String"), ("version", "String"),
                ("date", "Date"), ("day", "Int"), ("resolveDate", "Date"), ("resolved", "Boolean")),
        };

    public static bool IsScalar(string namedType) => Scalars.Contains(namedType) || namedType == "RoundStatus";

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

    private static Dictionary<string, string> Args(params (string Name, string Type)[] args) => args.ToDictionary(a => a.Name, a => a.Type);

    private static Dictionary<string, GqlFieldDefinition> Scalar(params (string Name, string Type)[] fields) =>
        fields.ToDictionary(f => f.Name, f => new GqlFieldDefinition(f.Type, new Dictionary<string, string>()));
}
