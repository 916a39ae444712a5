using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NumeraiPipeline.Numerai.Sandbox.GraphQl;
using NumeraiPipeline.Numerai.Sandbox.Live;

namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>The resolvers of the sandbox's GraphQL operations (one partial file per area).</summary>
internal sealed partial class SandboxApi(
    RoundClock clock,
    SandboxAccount account,
    SandboxDataStore data,
    UrlSigner signer,
    SandboxOptions options,
    SandboxScores scores,
    SandboxDiagnostics diagnostics,
    SandboxFaults faults)
{
    public Func<string, GqlExecutor.Resolver?> ResolversFor(string? authorization, string baseUrl) => field => field switch
    {
        "rounds" => (args, _) => Rounds(args),
        "listDatasets" => (args, _) => ListDatasets(args),
        "dataset" => (args, _) => Dataset(args, baseUrl),
        "account" => (_, selection) => Account(authorization, selection),
        "model" => (args, selection) => Model(args, authorization, selection),
        "submissionUploadAuth" => (args, _) => UploadAuth(args, authorization, baseUrl, requireOpenRound: true),
        "diagnosticsUploadAuth" => (args, _) => UploadAuth(args, authorization, baseUrl, requireOpenRound: false),
        "submissionDownloadAuth" => (args, _) => DownloadAuth(args, authorization, baseUrl),
        "createSubmission" => (args, _) => CreateSubmission(args, authorization),
        "submissions" => (args, _) => Submissions(args, authorization),
        "submissionScores" => (args, _) => SubmissionScores(args),
        "v2RoundModelPerformances" => RoundModelPerformances,
        "v3UserProfile" => UserProfile,
        "v2Leaderboard" => (args, _) => Leaderboard(args),
        "pipelineStatus" => (args, _) => PipelineStatus(args),
        "computePickleDataVersions" => (_, _) => DataVersions(authorization),
        "setSubmissionWebhook" => (args, _) => SetWebhook(args, authorization),
        "createDiagnostics" => (args, _) => CreateDiagnostics(args, authorization),
        "diagnostics" => (args, _) => Diagnostics(args, authorization),
        _ => null,
    };

    internal static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>An Nmr value: a decimal string, as Numerai's Nmr scalar (numerapi parses it with Decimal).</summary>
    internal static string Nmr(decimal value) => value.ToString("0.000000", CultureInfo.InvariantCulture);

    internal static JsonNode? Number(double value) => double.IsNaN(value) || double.IsInfinity(value) ? null : JsonValue.Create(value);

    private static int? Int(IReadOnlyDictionary<string, JsonNode?> args, string name) =>
        args.GetValueOrDefault(name) is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            ? (int)double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture)
            : null;

    private static bool? Bool(IReadOnlyDictionary<string, JsonNode?> args, string name) =>
        args.GetValueOrDefault(name) is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    private static string? Str(IReadOnlyDictionary<string, JsonNode?> args, string name) => args.GetValueOrDefault(name)?.ToString();

    private static string StableId(string text) => SandboxAccount.StableId(text);

    private void RequireAuth(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            throw new GqlResolverException(SandboxMessages.NotAuthenticated);
        }

        if (!string.Equals(authorization, account.AuthorizationValue, StringComparison.Ordinal))
        {
            throw new GqlResolverException(SandboxMessages.InvalidSession);
        }
    }

    private string ModelIdOrThrow(string? modelId)
    {
        if (string.IsNullOrEmpty(modelId))
        {
            return account.Models.Count == 1 ? account.Models[0].Id : throw new GqlResolverException(SandboxMessages.ModelIdRequired);
        }

        return account.Models.Any(m => m.Id == modelId) ? modelId : throw new GqlResolverException(SandboxMessages.UnknownModel);
    }

    /// <summary>A model of the account by id, or by name (numerapi's round_model_performances passes a name where an id belongs).</summary>
    private (string Id, string Name)? FindModel(string? idOrName) =>
        account.Models.Cast<(string Id, string Name)?>().FirstOrDefault(m => m!.Value.Id == idOrName || string.Equals(m.Value.Name, idOrName, StringComparison.OrdinalIgnoreCase));
}
