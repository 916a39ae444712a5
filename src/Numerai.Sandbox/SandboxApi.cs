using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Numerai.Sandbox.GraphQl;

namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>The resolvers of the sandbox's GraphQL operations.</summary>
internal sealed class SandboxApi(RoundClock clock, SandboxAccount account, SandboxDataStore data, UrlSigner signer, SandboxOptions options)
{
    public Func<string, GqlExecutor.Resolver?> ResolversFor(string? authorization, string baseUrl) => field => field switch
    {
        "rounds" => Rounds,
        "listDatasets" => ListDatasets,
        "dataset" => args => Dataset(args, baseUrl),
        "account" => _ => Account(authorization),
        "submissionUploadAuth" => args => UploadAuth(args, authorization, baseUrl),
        "createSubmission" => args => CreateSubmission(args, authorization),
        "submissions" => args => Submissions(args, authorization),
        "submissionScores" => SubmissionScores,
        _ => null,
    };

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static int? Int(IReadOnlyDictionary<string, JsonNode?> args, string name) =>
        args.GetValueOrDefault(name) is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? (int)double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture)
            : null;

    private static string? Str(IReadOnlyDictionary<string, JsonNode?> args, string name) => args.GetValueOrDefault(name)?.ToString();

    private JsonObject RoundJson(SandboxRound r) => new()
    {
        ["id"] = AccountIdFor("round:" + r.Number),
        ["number"] = r.Number,
        ["tournament"] = 8,
        ["target"] = "target",
        ["isDaily"] = true,
        ["dataDatestamp"] = int.Parse(r.OpenTime.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        ["openTime"] = Time(r.OpenTime),
        ["closeStakingTime"] = Time(r.CloseStakingTime),
        ["closeTime"] = Time(r.CloseTime),
        ["scoreTime"] = Time(r.OpenTime.AddDays(3)),
        ["resolveTime"] = Time(r.OpenTime.AddDays(31)),
        ["resolvedGeneral"] = false,
        ["resolvedStaking"] = false,
        ["payoutFactor"] = "1.0",
        ["stakeThreshold"] = 0.0,
    };

    private static string AccountIdFor(string text) => SandboxAccount.StableId(text);

    private JsonNode? Rounds(IReadOnlyDictionary<string, JsonNode?> args)
    {
        var number = Int(args, "number");
        var current = clock.Current();
        if (number == 0)
        {
            return current.State == SandboxRoundState.Closed ? throw new GqlResolverException(SandboxMessages.RoundNotOpen) : new JsonArray(RoundJson(current));
        }

        if (number is { } n)
        {
            return clock.ByNumber(n) is { } r ? new JsonArray(RoundJson(r)) : new JsonArray();
        }

        var limit = Math.Clamp(Int(args, "limit") ?? 10, 0, 100);
        var list = new JsonArray();
        for (var i = current.Number; i > current.Number - limit && clock.ByNumber(i) is { } r; i--)
        {
            list.Add(RoundJson(r));
        }

        return list;
    }

    private JsonNode ListDatasets(IReadOnlyDictionary<string, JsonNode?> args) =>
        new JsonArray([.. options.Versions.SelectMany(v => data.Files(v).Select(f => (JsonNode?)JsonValue.Create($"{v}/{f}")))]);

    private JsonNode Dataset(IReadOnlyDictionary<string, JsonNode?> args, string baseUrl)
    {
        var round = Int(args, "round");
        int number;
        if (round is { } r && r > 0)
        {
            number = r;
        }
        else
        {
            var current = clock.Current();
            if (current.State == SandboxRoundState.Closed)
            {
                throw new GqlResolverException(SandboxMessages.RoundNotOpen);
            }

            number = current.Number;
        }

        // Like S3: any name yields a URL; a missing file fails at the GET (403).
        var filename = Str(args, "filename")!.TrimStart('/');
        var path = $"/files/{number}/{string.Join('/', filename.Split('/').Select(Uri.EscapeDataString))}";
        return JsonValue.Create(baseUrl + signer.Sign("GET", path));
    }

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

    private JsonNode Account(string? authorization)
    {
        RequireAuth(authorization);
        return new JsonObject
        {
            ["id"] = AccountIdFor("account"),
            ["username"] = "sandbox",
            ["models"] = new JsonArray([.. account.Models.Select(m => (JsonNode?)new JsonObject { ["id"] = m.Id, ["name"] = m.Name, ["tournament"] = 8 })]),
            ["apiTokens"] = new JsonArray(new JsonObject { ["name"] = "sandbox", ["publicId"] = SandboxServer.DemoPublicId, ["scopes"] = new JsonArray([.. options.ApiTokenScopes.Select(s => (JsonNode?)JsonValue.Create(s))]) }),
        };
    }

    private string ModelIdOrThrow(string? modelId)
    {
        if (modelId is null)
        {
            return account.Models.Count == 1 ? account.Models[0].Id : throw new GqlResolverException(SandboxMessages.ModelIdRequired);
        }

        return account.Models.Any(m => m.Id == modelId) ? modelId : throw new GqlResolverException(SandboxMessages.UnknownModel);
    }

    private JsonNode UploadAuth(IReadOnlyDictionary<string, JsonNode?> args, string? authorization, string baseUrl)
    {
        RequireAuth(authorization);
        ModelIdOrThrow(Str(args, "modelId"));
        if (clock.Current().State == SandboxRoundState.Closed)
        {
            throw new GqlResolverException(SandboxMessages.RoundNotOpen);
        }

        var name = Path.GetFileName(Str(args, "filename") ?? "submission.csv");
        var stem = Path.GetFileNameWithoutExtension(name);
        var key = $"{stem}-{Guid.NewGuid().ToString("N")[..12]}{Path.GetExtension(name)}";
        return new JsonObject { ["filename"] = key, ["url"] = baseUrl + signer.Sign("PUT", "/uploads/" + Uri.EscapeDataString(key)), ["accelerated"] = false, ["countryCode"] = null };
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
        ["selected"] = true,
        ["status"] = s.Late ? "late" : "queued",
        ["triggerId"] = s.TriggerId,
        ["dataDatestamp"] = null,
        ["sourcePlatform"] = "api",
        ["submittedCount"] = s.Ids.Count,
        ["filteredCount"] = s.Ids.Count,
        ["invalidTickers"] = null,
        ["errorInfo"] = null,
        ["round"] = clock.ByNumber(s.Round) is { } r ? RoundJson(r) : new JsonObject { ["number"] = s.Round },
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
        return new JsonArray([.. account.Submissions(modelId).Where(s => id is null || s.Id == id).Select(s => (JsonNode?)SubmissionJson(s))]);
    }

    private JsonNode SubmissionScores(IReadOnlyDictionary<string, JsonNode?> args)
    {
        var modelId = Str(args, "modelId")!;
        var current = clock.Current().Number;
        var lastN = Int(args, "lastNRounds");
        var scores = new JsonArray();
        var latestPerRound = account.Submissions(modelId).GroupBy(s => s.Round).Select(g => g.First())
            .Where(s => lastN is null || s.Round > current - lastN).OrderByDescending(s => s.Round);
        foreach (var s in latestPerRound)
        {
            var round = clock.ByNumber(s.Round)!;
            var days = Math.Max(0, (int)Math.Floor((clock.Now - round.CloseStakingTime).TotalDays));
            var resolved = days >= 20;
            var reference = data.GetExamplePredictionsAsync(s.Round, CancellationToken.None).GetAwaiter().GetResult();
            foreach (var (name, value) in SandboxScoring.Score(s, reference, days))
            {
                scores.Add(new JsonObject
                {
                    ["roundId"] = AccountIdFor("round:" + s.Round),
                    ["submissionId"] = s.Id,
                    ["roundNumber"] = s.Round,
                    ["roundCloseStakingTime"] = Time(round.CloseStakingTime),
                    ["roundScoreTime"] = Time(round.OpenTime.AddDays(3)),
                    ["roundResolveTime"] = Time(round.OpenTime.AddDays(31)),
                    ["value"] = value,
                    ["percentile"] = null,
                    ["displayName"] = name,
                    ["version"] = "1",
                    ["date"] = clock.Now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["day"] = days,
                    ["resolveDate"] = round.OpenTime.AddDays(31).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["resolved"] = resolved,
                });
            }
        }

        return scores;
    }
}
