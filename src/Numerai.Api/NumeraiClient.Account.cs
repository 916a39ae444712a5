using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NumeraiPipeline.Numerai.Api;

public sealed partial class NumeraiClient
{
    /// <summary>The account with its models, webhooks and stakes (<c>account</c>, authenticated).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The account.</returns>
    public async Task<AccountInfo> GetAccountAsync(CancellationToken cancellationToken = default)
    {
        var data = await QueryAsync("account", GraphQlDocuments.Account, null, true, cancellationToken);
        var account = data["account"] as JsonObject ?? throw Unexpected("account", "no object");
        return new AccountInfo(
            account["id"]?.ToString() ?? "",
            account["username"]?.ToString() ?? "",
            account["email"]?.ToString(),
            account["walletAddress"]?.ToString(),
            ReadNmr(account["availableNmr"]),
            ReadTime(account["insertedAt"]),
            [.. (account["models"] as JsonArray ?? []).OfType<JsonObject>().Select(ReadModel)]);
    }

    /// <summary>One model by id (<c>model(modelId:)</c>, authenticated): its name and compute webhook.</summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The model.</returns>
    public async Task<AccountModel> GetModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        var data = await QueryAsync("model", GraphQlDocuments.Model, new JsonObject { ["modelId"] = modelId }, true, cancellationToken);
        return data["model"] is JsonObject model ? ReadModel(model) : throw Unexpected("model", "no object");
    }

    /// <summary>
    /// Sets (or, with null, clears) the compute webhook Numerai calls when a round opens (<c>setSubmissionWebhook</c>,
    /// authenticated). Returns whether Numerai confirmed it (it answers the string <c>"true"</c>).
    /// </summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="webhook">The trigger URL, or null to remove it.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>Whether it was set.</returns>
    public async Task<bool> SetSubmissionWebhookAsync(string modelId, string? webhook, CancellationToken cancellationToken = default)
    {
        var data = await QueryAsync("setSubmissionWebhook", GraphQlDocuments.SetSubmissionWebhook, new JsonObject { ["modelId"] = modelId, ["newSubmissionWebhook"] = webhook }, true, cancellationToken);
        return data["setSubmissionWebhook"] is JsonValue v && (v.GetValueKind() == JsonValueKind.True || string.Equals(v.ToString(), "true", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Rounds with their calendar, newest first (<c>rounds</c>, public).</summary>
    /// <param name="status">Only rounds in this status, or null for all.</param>
    /// <param name="limit">At most this many, or null for the server's default (all).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The rounds.</returns>
    public async Task<IReadOnlyList<RoundDetails>> ListRoundsAsync(RoundStatus? status = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var variables = new JsonObject
        {
            ["tournament"] = Options.Tournament,
            ["number"] = null,
            ["status"] = status?.ToString().ToUpperInvariant(),
            ["limit"] = limit,
        };
        var data = await QueryAsync("rounds", GraphQlDocuments.ListRounds, variables, false, cancellationToken);
        return
        [
            .. (data["rounds"] as JsonArray ?? []).OfType<JsonObject>().Select(r => new RoundDetails(
                r["number"]?.GetValue<int>() ?? 0,
                ReadTime(r["openTime"]),
                ReadTime(r["closeStakingTime"]),
                ReadTime(r["closeTime"]),
                ReadTime(r["scoreTime"]),
                ReadTime(r["resolveTime"]),
                r["resolvedGeneral"] is JsonValue resolved && resolved.GetValueKind() == JsonValueKind.True,
                ReadNumber(r["payoutFactor"]),
                ReadNumber(r["defaultCorrMultiplier"]),
                ReadNumber(r["defaultMmcMultiplier"]))),
        ];
    }

    private static AccountModel ReadModel(JsonObject m) => new(
        m["id"]?.ToString() ?? "",
        m["name"]?.ToString() ?? "",
        m["tournament"] is JsonValue t && t.TryGetValue<int>(out var tournament) ? tournament : 0,
        m["submissionWebhook"]?.ToString() is { Length: > 0 } webhook ? webhook : null,
        ReadNmr(m["v2Stake"]?["stakeValue"]),
        m["v2Stake"]?["status"]?.ToString());

    /// <summary>An Nmr value: a decimal string (or a number).</summary>
    private static decimal? ReadNmr(JsonNode? node) =>
        node is JsonValue v && decimal.TryParse(v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>().Replace(",", "", StringComparison.Ordinal) : v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : null;

    /// <summary>A number sent as a number or as a decimal string (payoutFactor is a String).</summary>
    private static double? ReadNumber(JsonNode? node) =>
        node is JsonValue v && double.TryParse(v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : null;
}
