using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NumeraiPipeline.Numerai.Api;

/// <summary>
/// A typed client of Numerai's tournament GraphQL API (the operations numerapi uses), with retries on 5xx, timeouts and
/// connection failures, a timeout on every call, and NP65xx errors that carry the server's message. API keys go only
/// into the Authorization header of authenticated operations and never into logs or messages.
/// </summary>
public sealed partial class NumeraiClient : IDisposable
{
    private readonly HttpClient http;
    private readonly bool ownsHttp;
    private readonly ILogger logger;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Endpoint, keys, timeouts, retries.</param>
    /// <param name="logger">Receives retry warnings (never keys or signed URLs); null for none.</param>
    /// <param name="httpClient">An HttpClient without its own retry handler; null to create one. Its Timeout is not used.</param>
    public NumeraiClient(NumeraiClientOptions options, ILogger? logger = null, HttpClient? httpClient = null)
    {
        Options = options;
        this.logger = logger ?? NullLogger.Instance;
        ownsHttp = httpClient is null;
        http = httpClient ?? new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15), AutomaticDecompression = System.Net.DecompressionMethods.None });
        http.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>The settings.</summary>
    public NumeraiClientOptions Options { get; }

    /// <summary>The current round (<c>rounds(number: 0)</c>). Throws NP6503 when no round is open.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The round.</returns>
    public async Task<RoundInfo> GetCurrentRoundAsync(CancellationToken cancellationToken = default)
    {
        var data = await QueryAsync("rounds", GraphQlDocuments.CurrentRound, new JsonObject { ["tournament"] = Options.Tournament }, false, cancellationToken);
        if (data["rounds"] is not JsonArray { Count: > 0 } rounds || rounds[0] is not JsonObject round || round["number"] is null)
        {
            throw new NumeraiApiException(NumeraiErrors.RoundNotOpen, "rounds", "no round is open: rounds(number: 0) is empty");
        }

        return new RoundInfo(round["number"]!.GetValue<int>(), ReadTime(round["openTime"]), ReadTime(round["closeStakingTime"]), ReadTime(round["closeTime"]));
    }

    /// <summary>The dataset files (<c>listDatasets</c>), e.g. <c>v5.1/train.parquet</c>.</summary>
    /// <param name="round">A past round, or null for the current one.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The relative paths.</returns>
    public async Task<IReadOnlyList<string>> ListDatasetsAsync(int? round = null, CancellationToken cancellationToken = default)
    {
        var data = await QueryAsync("listDatasets", GraphQlDocuments.ListDatasets, new JsonObject { ["round"] = round, ["tournament"] = Options.Tournament }, false, cancellationToken);
        return data["listDatasets"] is JsonArray list ? [.. list.Select(n => n?.GetValue<string>()).OfType<string>()] : [];
    }

    /// <summary>A presigned download URL of a dataset file (<c>dataset</c>). Fetch it right before downloading: it expires.</summary>
    /// <param name="filename">E.g. <c>v5.1/train.parquet</c>.</param>
    /// <param name="round">A past round, or null for the current one.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The URL.</returns>
    public async Task<Uri> GetDatasetUrlAsync(string filename, int? round = null, CancellationToken cancellationToken = default)
    {
        var data = await QueryAsync("dataset", GraphQlDocuments.Dataset, new JsonObject { ["filename"] = filename, ["round"] = round, ["tournament"] = Options.Tournament }, false, cancellationToken);
        return ParseUrl(data["dataset"], "dataset");
    }

    /// <summary>The account's models of this tournament (<c>account { models }</c>, authenticated).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The models.</returns>
    public async Task<IReadOnlyList<ModelInfo>> GetModelsAsync(CancellationToken cancellationToken = default)
    {
        var data = await QueryAsync("account", GraphQlDocuments.Models, null, true, cancellationToken);
        var models = data["account"]?["models"] as JsonArray ?? [];
        return
        [
            .. models.OfType<JsonObject>()
                .Select(m => new ModelInfo(m["id"]?.ToString() ?? "", m["name"]?.ToString() ?? "", m["tournament"]?.GetValue<int>() ?? 0))
                .Where(m => m.Tournament == Options.Tournament),
        ];
    }

    /// <summary>Finds a model id by name (case-insensitive, as Numerai model names are lower case). Throws NP6513 if absent.</summary>
    /// <param name="modelName">The model name.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The model.</returns>
    public async Task<ModelInfo> GetModelByNameAsync(string modelName, CancellationToken cancellationToken = default)
    {
        var models = await GetModelsAsync(cancellationToken);
        var found = models.FirstOrDefault(m => string.Equals(m.Name, modelName, StringComparison.OrdinalIgnoreCase));
        if (found is null)
        {
            var names = models.Count == 0 ? "none" : string.Join(", ", models.Select(m => $"'{m.Name}'"));
            throw new NumeraiApiException(NumeraiErrors.UnknownModel, modelName, names);
        }

        return found;
    }

    /// <summary>Authorises an upload (<c>submissionUploadAuth</c>, authenticated).</summary>
    /// <param name="filename">The local file's base name.</param>
    /// <param name="modelId">The model id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The server-side name and the presigned PUT URL.</returns>
    public async Task<UploadAuth> GetSubmissionUploadAuthAsync(string filename, string? modelId, CancellationToken cancellationToken = default)
    {
        var data = await QueryAsync("submission_upload_auth", GraphQlDocuments.UploadAuth, new JsonObject { ["filename"] = filename, ["tournament"] = Options.Tournament, ["modelId"] = modelId }, true, cancellationToken);
        var auth = data["submission_upload_auth"] as JsonObject
            ?? throw Unexpected("submission_upload_auth", "no object");
        return new UploadAuth(auth["filename"]?.ToString() ?? throw Unexpected("submission_upload_auth", "no filename"), ParseUrl(auth["url"], "submission_upload_auth"));
    }

    /// <summary>Creates the submission from an uploaded file (<c>createSubmission</c>, authenticated); the server validates the file here.</summary>
    /// <param name="filename">The server-side name from <see cref="GetSubmissionUploadAuthAsync"/>.</param>
    /// <param name="modelId">The model id.</param>
    /// <param name="triggerId">The compute trigger id (env TRIGGER_ID), or null.</param>
    /// <param name="dataDatestamp">The data date stamp for older data, or null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The submission id.</returns>
    public async Task<string> CreateSubmissionAsync(string filename, string? modelId, string? triggerId = null, int? dataDatestamp = null, CancellationToken cancellationToken = default)
    {
        var variables = new JsonObject { ["filename"] = filename, ["tournament"] = Options.Tournament, ["modelId"] = modelId, ["triggerId"] = triggerId, ["dataDatestamp"] = dataDatestamp };
        var data = await QueryAsync("create_submission", GraphQlDocuments.CreateSubmission, variables, true, cancellationToken);
        return data["create_submission"]?["id"]?.ToString() ?? throw Unexpected("create_submission", "no id");
    }

    /// <summary>The model's submissions (<c>submissions(modelId:)</c>, authenticated).</summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The submissions, as the server orders them.</returns>
    public async Task<IReadOnlyList<SubmissionInfo>> GetSubmissionsAsync(string modelId, CancellationToken cancellationToken = default)
    {
        var data = await QueryAsync("submissions", GraphQlDocuments.Submissions, new JsonObject { ["modelId"] = modelId }, true, cancellationToken);
        var list = data["submissions"] as JsonArray ?? [];
        return
        [
            .. list.OfType<JsonObject>().Select(s => new SubmissionInfo(
                s["id"]?.ToString() ?? "",
                s["filename"]?.ToString(),
                ReadTime(s["insertedAt"]),
                s["round"]?["number"]?.GetValue<int>(),
                s["status"]?.ToString())),
        ];
    }

    /// <summary>The model's scores (<c>submissionScores</c>, public).</summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="lastNRounds">How many recent rounds, or null for the server's default.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The scores.</returns>
    public async Task<IReadOnlyList<SubmissionScore>> GetSubmissionScoresAsync(string modelId, int? lastNRounds = null, CancellationToken cancellationToken = default)
    {
        var data = await QueryAsync("submissionScores", GraphQlDocuments.SubmissionScores, new JsonObject { ["modelId"] = modelId, ["lastNRounds"] = lastNRounds, ["tournament"] = Options.Tournament }, false, cancellationToken);
        var list = data["submissionScores"] as JsonArray ?? [];
        return
        [
            .. list.OfType<JsonObject>().Select(s => new SubmissionScore(
                s["roundNumber"]?.GetValue<int>() ?? 0,
                s["submissionId"]?.ToString(),
                s["displayName"]?.ToString() ?? "",
                ReadDouble(s["value"]),
                ReadDouble(s["percentile"]),
                s["day"]?.GetValue<int>(),
                s["resolved"]?.GetValue<bool>() ?? false)),
        ];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (ownsHttp)
        {
            http.Dispose();
        }
    }

    private static DateTimeOffset? ReadTime(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static double? ReadDouble(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;

    private static Uri ParseUrl(JsonNode? node, string operation) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && Uri.TryCreate(s, UriKind.Absolute, out var uri)
            ? uri
            : throw Unexpected(operation, "no URL");

    private static NumeraiApiException Unexpected(string operation, string what) =>
        new(NumeraiErrors.UnexpectedResponse, operation, what);
}
