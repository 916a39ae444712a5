using System.Text.Json;
using System.Text.Json.Nodes;

namespace NumeraiPipeline.Numerai.Api;

public sealed partial class NumeraiClient
{
    /// <summary>
    /// The model's rounds with their scores and payouts, newest first (<c>v2RoundModelPerformances</c>, public):
    /// resolved rounds have final scores, resolving rounds the latest daily ones, the current round none yet.
    /// </summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="includeDailyScores">Also fetch every daily score of each round (intra-round scores).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The rounds.</returns>
    public async Task<IReadOnlyList<RoundPerformance>> GetRoundModelPerformancesAsync(string modelId, bool includeDailyScores = false, CancellationToken cancellationToken = default)
    {
        var document = includeDailyScores ? GraphQlDocuments.RoundModelPerformancesDaily : GraphQlDocuments.RoundModelPerformances;
        var data = await QueryAsync("v2RoundModelPerformances", document, new JsonObject { ["modelId"] = modelId, ["tournament"] = Options.Tournament }, false, cancellationToken);
        return
        [
            .. (data["v2RoundModelPerformances"] as JsonArray ?? []).OfType<JsonObject>().Select(p => new RoundPerformance(
                p["roundNumber"]?.GetValue<int>() ?? 0,
                ReadTime(p["roundOpenTime"]),
                ReadTime(p["roundCloseStakingTime"]),
                ReadTime(p["roundResolveTime"]),
                p["roundResolved"] is JsonValue resolved && resolved.GetValueKind() == JsonValueKind.True,
                ReadNmr(p["atRisk"]),
                ReadNumber(p["corrMultiplier"]),
                ReadNumber(p["mmcMultiplier"]),
                ReadNumber(p["roundPayoutFactor"]),
                p["submissionId"]?.ToString(),
                ReadScores(p["submissionScores"]),
                ReadScores(p["intraRoundSubmissionScores"]))),
        ];
    }

    /// <summary>Authorises the download of a past submission's file (<c>submissionDownloadAuth</c>, authenticated).</summary>
    /// <param name="submissionId">The submission id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The file name and a presigned GET URL.</returns>
    public async Task<UploadAuth> GetSubmissionDownloadAuthAsync(string submissionId, CancellationToken cancellationToken = default)
    {
        var data = await QueryAsync("submissionDownloadAuth", GraphQlDocuments.SubmissionDownloadAuth, new JsonObject { ["id"] = submissionId }, true, cancellationToken);
        var auth = data["submissionDownloadAuth"] as JsonObject ?? throw Unexpected("submissionDownloadAuth", "no object");
        return new UploadAuth(auth["filename"]?.ToString() ?? throw Unexpected("submissionDownloadAuth", "no filename"), ParseUrl(auth["url"], "submissionDownloadAuth"));
    }

    private static IReadOnlyList<RoundScore> ReadScores(JsonNode? node) =>
    [
        .. (node as JsonArray ?? []).OfType<JsonObject>().Select(s => new RoundScore(
            s["displayName"]?.ToString() ?? "",
            ReadDouble(s["value"]),
            ReadDouble(s["percentile"]),
            s["day"] is JsonValue d && d.TryGetValue<int>(out var day) ? day : null,
            ReadTime(s["date"]),
            ReadNmr(s["payoutPending"]),
            ReadNmr(s["payoutSettled"]))),
    ];
}
