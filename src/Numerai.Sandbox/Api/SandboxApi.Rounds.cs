using System.Globalization;
using System.Text.Json.Nodes;
using NumeraiPipeline.Numerai.Sandbox.GraphQl;
using NumeraiPipeline.Numerai.Sandbox.Live;

namespace NumeraiPipeline.Numerai.Sandbox;

internal sealed partial class SandboxApi
{
    private JsonObject RoundJson(SandboxRound r)
    {
        var resolved = clock.IsResolved(r);
        return new JsonObject
        {
            ["id"] = StableId("round:" + r.Number),
            ["number"] = r.Number,
            ["tournament"] = 8,
            ["target"] = "target",
            ["isDaily"] = true,
            ["dataDatestamp"] = int.Parse(r.OpenTime.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            ["openTime"] = Time(r.OpenTime),
            ["closeStakingTime"] = Time(r.CloseStakingTime),
            ["closeTime"] = Time(r.CloseTime),
            ["scoreTime"] = Time(clock.ScoreTime(r)),
            ["resolveTime"] = Time(clock.ResolveTime(r)),
            ["resolvedGeneral"] = resolved,
            ["resolvedStaking"] = resolved,
            ["payoutFactor"] = SandboxScores.PayoutFactor.ToString("0.0###", CultureInfo.InvariantCulture),
            ["stakeThreshold"] = 72000.0,
            ["minCorrMultiplier"] = SandboxScores.CorrMultiplier,
            ["maxCorrMultiplier"] = SandboxScores.CorrMultiplier,
            ["defaultCorrMultiplier"] = SandboxScores.CorrMultiplier,
            ["minMmcMultiplier"] = SandboxScores.MmcMultiplier,
            ["maxMmcMultiplier"] = SandboxScores.MmcMultiplier,
            ["defaultMmcMultiplier"] = SandboxScores.MmcMultiplier,
            ["minTcMultiplier"] = 0.0,
            ["maxTcMultiplier"] = 0.0,
            ["defaultTcMultiplier"] = 0.0,
        };
    }

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

        // Without a limit, every round the sandbox has (newest first), as the real server lists all rounds.
        var status = Str(args, "status");
        var target = Str(args, "target");
        var limit = Int(args, "limit") is { } l ? Math.Max(0, l) : int.MaxValue;
        var list = new JsonArray();
        if (target is not null && target != "target")
        {
            return list;
        }

        for (var i = current.Number; list.Count < limit && clock.ByNumber(i) is { } r; i--)
        {
            if (status is null || clock.Status(r) == status)
            {
                list.Add(RoundJson(r));
            }
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

    private JsonNode PipelineStatus(IReadOnlyDictionary<string, JsonNode?> args)
    {
        var now = clock.Now;
        var text = Str(args, "date");
        DateTimeOffset day;
        if (string.IsNullOrEmpty(text))
        {
            day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        }
        else if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            day = new DateTimeOffset(parsed.Date, TimeSpan.Zero);
        }
        else
        {
            throw new GqlResolverException(string.Format(CultureInfo.InvariantCulture, SandboxMessages.BadDate, text));
        }

        // The sandbox's scoring pipeline runs every day: it starts 4 h before the day's round opens, scores an hour later,
        // resolves half an hour after that, and the round's data is ready when it opens. Times still ahead are null.
        var open = clock.OpenTimeOn(day);
        JsonNode? At(DateTimeOffset t) => t <= now ? JsonValue.Create(Time(t)) : null;
        return new JsonObject
        {
            ["tournament"] = Str(args, "tournament") ?? "classic",
            ["isScoringDay"] = true,
            ["startedAt"] = At(open.AddHours(-4)),
            ["scoredAt"] = At(open.AddHours(-3)),
            ["resolvedAt"] = At(open.AddHours(-2.5)),
            ["dataReadyAt"] = At(open),
            ["startP90Eta"] = Time(open.AddHours(-4)),
            ["scoreP90Eta"] = Time(open.AddHours(-3)),
            ["resolveP90Eta"] = Time(open.AddHours(-2.5)),
            ["dataP90Eta"] = Time(open),
            ["nextStartP90Eta"] = Time(open.AddDays(1).AddHours(-4)),
        };
    }
}
