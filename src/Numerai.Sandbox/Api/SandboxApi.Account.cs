using System.Text;
using System.Text.Json.Nodes;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Numerai.Sandbox.GraphQl;

namespace NumeraiPipeline.Numerai.Sandbox;

internal sealed partial class SandboxApi
{
    /// <summary>The account's wallet address (stable, not a real address).</summary>
    private static string WalletAddress => "0x" + StableId("wallet").Replace("-", "", StringComparison.Ordinal) + "5a4d8b0c";

    private JsonNode Account(string? authorization, GqlSelection selection)
    {
        RequireAuth(authorization);
        var created = options.RoundAnchor.AddDays(-365);
        return new JsonObject
        {
            ["id"] = StableId("account"),
            ["username"] = "sandbox",
            ["displayName"] = "sandbox",
            ["email"] = "sandbox@example.com",
            ["walletAddress"] = WalletAddress,
            ["availableNmr"] = Nmr(options.WalletNmr),
            ["availableStakeCredit"] = Nmr(0m),
            ["insertedAt"] = Time(created),
            ["updatedAt"] = Time(created),
            ["mfaEnabled"] = false,
            ["status"] = "VERIFIED",
            ["acceptedTos"] = true,
            ["isBeta"] = false,
            ["maxModelSlots"] = 50,
            ["bio"] = null,
            ["defaultCurrency"] = "USD",
            ["profileUrl"] = null,
            ["models"] = new JsonArray([.. account.Models.Select(m => (JsonNode?)ModelJson(m, selection.Has("models", "submissions"), selection.Has("models", "latestSubmissionV2")))]),
            ["apiTokens"] = new JsonArray(new JsonObject
            {
                ["name"] = "sandbox keys",
                ["publicId"] = options.Keys.PublicId,
                ["scopes"] = new JsonArray([.. options.ApiTokenScopes.Select(s => (JsonNode?)JsonValue.Create(s))]),
            }),
            ["walletTxns"] = new JsonArray(new JsonObject
            {
                ["amount"] = Nmr(options.WalletNmr + (options.Stake * account.Models.Count)),
                ["from"] = "0x0000000000000000000000000000000000000000",
                ["to"] = WalletAddress,
                ["posted"] = true,
                ["status"] = "confirmed",
                ["time"] = Time(created),
                ["tournament"] = null,
                ["txHash"] = "0x" + StableId("deposit").Replace("-", "", StringComparison.Ordinal) + StableId("deposit-2").Replace("-", "", StringComparison.Ordinal),
                ["type"] = "deposit",
            }),
        };
    }

    private JsonObject ModelJson((string Id, string Name) model, bool withSubmissions, bool withLatest)
    {
        var webhook = account.Webhook(model.Id);
        var json = new JsonObject
        {
            ["id"] = model.Id,
            ["name"] = model.Name,
            ["username"] = model.Name,
            ["tournament"] = 8,
            ["accountId"] = StableId("account"),
            ["insertedAt"] = Time(options.RoundAnchor.AddDays(-300)),
            ["submissionWebhook"] = webhook,
            ["computeEnabled"] = webhook is not null,
            ["archived"] = false,
            ["hidden"] = false,
            ["description"] = null,
            ["profileUrl"] = null,
            ["v2Stake"] = new JsonObject
            {
                ["status"] = "confirmed",
                ["txHash"] = null,
                ["stakeValue"] = Nmr(options.Stake),
                ["latestValue"] = Nmr(options.Stake),
                ["latestValueSettled"] = Nmr(options.Stake),
                ["tournamentNumber"] = 8,
            },
        };
        if (withSubmissions)
        {
            json["submissions"] = new JsonArray([.. account.Submissions(model.Id).Select(s => (JsonNode?)SubmissionJson(s))]);
        }

        if (withLatest)
        {
            json["latestSubmissionV2"] = account.Submissions(model.Id).FirstOrDefault() is { } latest ? SubmissionJson(latest) : null;
        }

        return json;
    }

    private JsonNode Model(IReadOnlyDictionary<string, JsonNode?> args, string? authorization, GqlSelection selection)
    {
        RequireAuth(authorization);
        var id = ModelIdOrThrow(Str(args, "modelId"));
        return ModelJson(account.Models.First(m => m.Id == id), selection.Has("submissions"), selection.Has("latestSubmissionV2"));
    }

    private JsonNode UploadAuth(IReadOnlyDictionary<string, JsonNode?> args, string? authorization, string baseUrl, bool requireOpenRound)
    {
        RequireAuth(authorization);
        ModelIdOrThrow(Str(args, "modelId"));
        if (requireOpenRound && clock.Current().State == SandboxRoundState.Closed)
        {
            throw new GqlResolverException(SandboxMessages.RoundNotOpen);
        }

        var name = Path.GetFileName(Str(args, "filename") ?? "submission.csv");
        var stem = Path.GetFileNameWithoutExtension(name);
        var key = $"{stem}-{Guid.NewGuid().ToString("N")[..12]}{Path.GetExtension(name)}";
        return new JsonObject { ["filename"] = key, ["url"] = baseUrl + signer.Sign("PUT", "/uploads/" + Uri.EscapeDataString(key)), ["accelerated"] = false, ["countryCode"] = null };
    }

    private JsonNode DownloadAuth(IReadOnlyDictionary<string, JsonNode?> args, string? authorization, string baseUrl)
    {
        RequireAuth(authorization);
        var id = Str(args, "id");
        var submission = account.Submissions().FirstOrDefault(s => s.Id == id) ?? throw new GqlResolverException(SandboxMessages.UnknownSubmission);
        return new JsonObject
        {
            ["filename"] = submission.Filename,
            ["url"] = baseUrl + signer.Sign("GET", "/submission-files/" + Uri.EscapeDataString(submission.Id)),
            ["accelerated"] = false,
            ["countryCode"] = null,
        };
    }

    private JsonNode CreateSubmission(IReadOnlyDictionary<string, JsonNode?> args, string? authorization)
    {
        RequireAuth(authorization);
        var modelId = ModelIdOrThrow(Str(args, "modelId"));
        var round = clock.Current();
        if (round.State == SandboxRoundState.Closed)
        {
            throw new GqlResolverException(SandboxMessages.RoundNotOpen);
        }

        var filename = Str(args, "filename")!;
        var content = account.GetUpload(filename) ?? throw new GqlResolverException(SandboxMessages.FileNotUploaded);
        var (table, parseError) = SubmissionCsv.Parse(Encoding.UTF8.GetString(content));
        if (table is null)
        {
            throw new GqlResolverException(parseError!);
        }

        var live = data.GetLiveIdsAsync(round.Number, CancellationToken.None).GetAwaiter().GetResult();
        if (SubmissionRules.Validate(table, live) is { } message)
        {
            throw new GqlResolverException(message);
        }

        var rows = Enumerable.Range(0, table.Ids.Count).Where(i => live.Contains(table.Ids[i]!)).ToList();
        var submission = new SandboxSubmission(
            Guid.NewGuid().ToString(),
            modelId,
            filename,
            round.Number,
            clock.Now,
            round.State == SandboxRoundState.Late,
            Str(args, "triggerId"),
            [.. rows.Select(i => table.Ids[i]!)],
            [.. rows.Select(i => table.Values[i]!.Value)]);
        account.AddSubmission(submission);
        return SubmissionJson(submission);
    }

    private JsonObject SubmissionJson(SandboxSubmission s) => new()
    {
        ["id"] = s.Id,
        ["filename"] = s.Filename,
        ["insertedAt"] = Time(s.InsertedAt),
        ["selected"] = account.Counted(s.ModelId).Any(c => c.Id == s.Id),
        ["status"] = s.Late ? "late" : "queued",
        ["triggerId"] = s.TriggerId,
        ["dataDatestamp"] = null,
        ["sourcePlatform"] = "api",
        ["submittedCount"] = s.Ids.Count,
        ["filteredCount"] = s.Ids.Count,
        ["tickersAcceptedCount"] = s.Ids.Count,
        ["tickersSubmittedCount"] = s.Ids.Count,
        ["trainedOnVal"] = false,
        ["firstEffectiveDate"] = null,
        ["notes"] = null,
        ["invalidTickers"] = null,
        ["errorInfo"] = null,
        ["round"] = clock.ByNumber(s.Round) is { } r ? RoundJson(r) : new JsonObject { ["number"] = s.Round, ["tournament"] = 8 },
    };

    private JsonNode Submissions(IReadOnlyDictionary<string, JsonNode?> args, string? authorization)
    {
        RequireAuth(authorization);
        var modelId = Str(args, "modelId");
        if (modelId is not null)
        {
            ModelIdOrThrow(modelId);
        }

        var id = Str(args, "id");
        if (faults.TakeSubmissionsHidden())
        {
            return new JsonArray();
        }

        return new JsonArray([.. account.Submissions(modelId).Where(s => id is null || s.Id == id).Select(s => (JsonNode?)SubmissionJson(s))]);
    }

    private JsonNode SetWebhook(IReadOnlyDictionary<string, JsonNode?> args, string? authorization)
    {
        RequireAuth(authorization);
        var modelId = ModelIdOrThrow(Str(args, "modelId"));
        var url = Str(args, "newSubmissionWebhook");
        if (!string.IsNullOrEmpty(url) && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            throw new GqlResolverException(SandboxMessages.BadWebhook);
        }

        if (!faults.TakeWebhookDrop())
        {
            account.SetWebhook(modelId, url);
        }

        // Numerai answers the String "true" (numerapi compares with == "true").
        return JsonValue.Create("true");
    }

    private JsonNode DataVersions(string? authorization)
    {
        RequireAuth(authorization);
        return new JsonArray([.. options.Versions.Select(v => (JsonNode?)new JsonObject
        {
            ["id"] = StableId("data-version:" + v),
            ["name"] = v,
            ["version"] = v,
            ["type"] = "classic",
            ["default"] = v == options.Versions[^1],
            ["deprecated"] = false,
            ["experimental"] = false,
        })]);
    }
}
