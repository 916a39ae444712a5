namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

internal static partial class SandboxSchema
{
    private static Dictionary<string, GqlFieldDefinition> Query() => new()
    {
        ["rounds"] = new("[Round]", Args(("limit", "Int"), ("number", "Int"), ("status", "RoundStatus"), ("target", "String"), ("tournament", "Int"))),
        ["listDatasets"] = new("[String]", Args(("round", "Int"), ("tournament", "Int"))),
        ["dataset"] = new("String", Args(("filename", "String!"), ("round", "Int"), ("tournament", "Int"))),
        ["account"] = new("Account", Args(), Authenticated: true),
        ["model"] = new("Model", Args(("modelId", "ID")), Authenticated: true),
        ["submissionUploadAuth"] = new("FileUploadAuth", Args(("filename", "String!"), ("modelId", "ID"), ("tournament", "Int!")), Authenticated: true),
        ["submissionDownloadAuth"] = new("FileUploadAuth", Args(("id", "ID!")), Authenticated: true),
        ["submissions"] = new("[V2Submission]", Args(("id", "ID"), ("modelId", "ID")), Authenticated: true),
        ["submissionScores"] = new("[SubmissionScore]", Args(
            ("modelId", "ID!"), ("displayName", "String"), ("version", "String"), ("day", "Int"), ("resolved", "Boolean"), ("tournament", "Int"),
            ("lastNRounds", "Int"), ("distinctOnRound", "Boolean"))),
        ["v2RoundModelPerformances"] = new("[V2RoundModelPerformance]", Args(
            ("modelId", "ID!"), ("tournament", "Int"), ("distinctOnRound", "Boolean"), ("lastNRounds", "Int"), ("limit", "Int"), ("offset", "Int"),
            ("resolvedOnly", "Boolean"), ("resolvedWithinLastNDays", "Int"), ("roundDataDatestampGte", "Int"), ("roundNumberEq", "Int"),
            ("roundNumberGte", "Int"), ("roundNumberLte", "Int"), ("scoredWithinLastNDays", "Int"), ("submittedOnly", "Boolean"))),
        ["v3UserProfile"] = new("V3UserProfile", Args(("modelName", "String!"), ("tournament", "Int"))),
        ["v2Leaderboard"] = new("[V2LeaderboardEntry]", Args(("limit", "Int"), ("offset", "Int"), ("orderBy", "String"), ("direction", "String"), ("filterBy", "String"))),
        ["pipelineStatus"] = new("PipelineStatus", Args(("date", "String"), ("tournament", "String"))),
        // deprecated is Boolean! with the default false in Numerai's schema; numerapi omits it.
        ["computePickleDataVersions"] = new("[ComputePickleDataVersion]", Args(("deprecated", "Boolean")), Authenticated: true),
        ["diagnosticsUploadAuth"] = new("FileUploadAuth", Args(("filename", "String!"), ("modelId", "ID"), ("tournament", "Int!")), Authenticated: true),
        ["diagnostics"] = new("[V2Diagnostics]", Args(("id", "ID"), ("modelId", "ID")), Authenticated: true),
    };

    private static Dictionary<string, GqlFieldDefinition> Mutation() => new()
    {
        ["createSubmission"] = new("V2Submission", Args(
            ("dataDatestamp", "Int"), ("filename", "String!"), ("modelId", "ID"), ("source", "String"), ("tournament", "Int!"), ("triggerId", "ID"), ("version", "Int")),
            Authenticated: true),
        ["createDiagnostics"] = new("V2Diagnostics", Args(("filename", "String!"), ("modelId", "ID"), ("tournament", "Int!")), Authenticated: true),
        ["setSubmissionWebhook"] = new("String", Args(("modelId", "String"), ("newSubmissionWebhook", "String")), Authenticated: true),
    };
}
