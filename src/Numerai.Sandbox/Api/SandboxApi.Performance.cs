using System.Text.Json.Nodes;
using NumeraiPipeline.Numerai.Sandbox.GraphQl;
using NumeraiPipeline.Numerai.Sandbox.Live;

namespace NumeraiPipeline.Numerai.Sandbox;

internal sealed partial class SandboxApi
{
    /// <summary>The score names of every scoring day: Numerai's payout metrics and the correlation with the meta model.</summary>
    internal static readonly string[] ScoreNames = ["canon_corr", "canon_mmc", "canon_bmc", "corr_w_meta_model"];

    private static double Metric(DayScore day, string name) => name switch
    {
        "canon_corr" => day.Corr,
        "canon_mmc" => day.Mmc,
        "canon_bmc" => day.Bmc,
        _ => day.CorrWithMetaModel,
    };

    /// <summary>The SubmissionScore rows of one scoring day (one per metric); the payout is pending until the last day settles it.</summary>
    private IEnumerable<JsonObject> ScoreRows(SandboxSubmission s, SandboxRound round, DayScore day)
    {
        var final = day.Day >= options.ScoringDays;
        foreach (var name in ScoreNames)
        {
            yield return new JsonObject
            {
                ["roundId"] = StableId("round:" + s.Round),
                ["submissionId"] = s.Id,
                ["roundNumber"] = s.Round,
                ["roundCloseStakingTime"] = Time(round.CloseStakingTime),
                ["roundScoreTime"] = Time(clock.ScoreTime(round)),
                ["roundResolveTime"] = Time(clock.ResolveTime(round)),
                ["value"] = Number(Metric(day, name)),
                ["percentile"] = null,
                ["displayName"] = name,
                ["version"] = "1",
                ["date"] = Time(day.Date),
                ["day"] = day.Day,
                ["resolveDate"] = Time(clock.ResolveTime(round)),
                ["resolved"] = final,
                ["payoutPending"] = Nmr(final ? 0m : day.Payout),
                ["payoutSettled"] = Nmr(final ? day.Payout : 0m),
            };
        }
    }

    private JsonNode SubmissionScores(IReadOnlyDictionary<string, JsonNode?> args)
    {
        var list = new JsonArray();
        if (FindModel(Str(args, "modelId")) is not { } model)
        {
            return list;
        }

        var current = clock.Current().Number;
        var lastN = Int(args, "lastNRounds");
        var name = Str(args, "displayName");
        var day = Int(args, "day");
        var resolved = Bool(args, "resolved");
        var distinct = Bool(args, "distinctOnRound") == true;
        foreach (var s in account.Counted(model.Id).Where(s => lastN is null || s.Round > current - lastN))
        {
            var round = clock.ByNumber(s.Round)!;
            var days = scores.Days(s).Where(d => day is null || d.Day == day).ToList();
            foreach (var d in distinct ? days.TakeLast(1) : days)
            {
                foreach (var row in ScoreRows(s, round, d))
                {
                    if ((name is null || row["displayName"]!.ToString() == name) && (resolved is null || row["resolved"]!.GetValue<bool>() == resolved))
                    {
                        list.Add(row);
                    }
                }
            }
        }

        return list;
    }

    private JsonNode RoundModelPerformances(IReadOnlyDictionary<string, JsonNode?> args, GqlSelection selection)
    {
        var list = new JsonArray();
        if (FindModel(Str(args, "modelId")) is not { } model)
        {
            return list;
        }

        var current = clock.Current().Number;
        var lastN = Int(args, "lastNRounds");
        var eq = Int(args, "roundNumberEq");
        var gte = Int(args, "roundNumberGte");
        var lte = Int(args, "roundNumberLte");
        var resolvedOnly = Bool(args, "resolvedOnly") == true;
        var rows = account.Counted(model.Id)
            .Select(s => (Submission: s, Round: clock.ByNumber(s.Round)!))
            .Where(x => (lastN is null || x.Submission.Round > current - lastN) && (eq is null || x.Submission.Round == eq)
                && (gte is null || x.Submission.Round >= gte) && (lte is null || x.Submission.Round <= lte) && (!resolvedOnly || clock.IsResolved(x.Round)))
            .Skip(Math.Max(0, Int(args, "offset") ?? 0))
            .Take(Int(args, "limit") is { } limit ? Math.Max(0, limit) : int.MaxValue);
        var latest = selection.Has("submissionScores");
        var intra = selection.Has("intraRoundSubmissionScores") || selection.Has("allSubmissionScores");
        foreach (var (s, round) in rows)
        {
            var entry = new JsonObject
            {
                ["roundId"] = StableId("round:" + s.Round),
                ["roundNumber"] = s.Round,
                ["roundOpenTime"] = Time(round.OpenTime),
                ["roundCloseStakingTime"] = Time(round.CloseStakingTime),
                ["roundScoreTime"] = Time(clock.ScoreTime(round)),
                ["roundResolveTime"] = Time(clock.ResolveTime(round)),
                ["roundResolved"] = clock.IsResolved(round),
                ["roundTarget"] = "target",
                ["roundPayoutFactor"] = SandboxScores.PayoutFactor.ToString("0.0###", System.Globalization.CultureInfo.InvariantCulture),
                ["roundDataDatestamp"] = int.Parse(round.OpenTime.UtcDateTime.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture),
                ["corrMultiplier"] = SandboxScores.CorrMultiplier,
                ["mmcMultiplier"] = SandboxScores.MmcMultiplier,
                ["tcMultiplier"] = null,
                ["churnThreshold"] = null,
                ["turnoverThreshold"] = null,
                ["prevWeekChurnMax"] = null,
                ["prevWeekTurnoverMax"] = null,
                ["atRisk"] = Nmr(scores.AtRisk(s)),
                ["submissionId"] = s.Id,
                ["tickersAcceptedCount"] = s.Ids.Count,
                ["tickersSubmittedCount"] = s.Ids.Count,
            };
            if (latest || intra)
            {
                var days = scores.Days(s);
                if (latest)
                {
                    entry["submissionScores"] = new JsonArray([.. days.TakeLast(1).SelectMany(d => ScoreRows(s, round, d))]);
                }

                if (intra)
                {
                    var all = new JsonArray([.. days.SelectMany(d => ScoreRows(s, round, d))]);
                    entry["intraRoundSubmissionScores"] = all;
                    entry["allSubmissionScores"] = all.DeepClone();
                }
            }

            list.Add(entry);
        }

        return list;
    }

    /// <summary>Mean final CORR, MMC and BMC of the model's last 20 rounds resolved by <paramref name="asOf"/>, and how many there were.</summary>
    private (double Corr, double Mmc, double Bmc, int Rounds) Reputation(string modelId, DateTimeOffset asOf)
    {
        var resolved = account.Counted(modelId)
            .Select(s => (Submission: s, Round: clock.ByNumber(s.Round)))
            .Where(x => x.Round is not null && clock.ResolveTime(x.Round) <= asOf)
            .Take(20)
            .Select(x => scores.Latest(x.Submission))
            .OfType<DayScore>()
            .ToList();
        if (resolved.Count == 0)
        {
            return (double.NaN, double.NaN, double.NaN, 0);
        }

        static double Mean(IEnumerable<double> values) => values.Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Average();
        return (Mean(resolved.Select(d => d.Corr)), Mean(resolved.Select(d => d.Mmc)), Mean(resolved.Select(d => d.Bmc)), resolved.Count);
    }

    private JsonNode UserProfile(IReadOnlyDictionary<string, JsonNode?> args, GqlSelection selection)
    {
        var name = Str(args, "modelName");
        var model = account.Models.Cast<(string Id, string Name)?>().FirstOrDefault(m => string.Equals(m!.Value.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new GqlResolverException(SandboxMessages.UnknownModelName);
        var profile = new JsonObject
        {
            ["id"] = model.Id,
            ["username"] = model.Name,
            ["accountName"] = "sandbox",
            ["bio"] = null,
            ["computeEnabled"] = account.Webhook(model.Id) is not null,
            ["isActive"] = true,
            ["linkText"] = null,
            ["linkUrl"] = null,
            ["nmrStaked"] = Nmr(options.Stake),
            ["stakeValue"] = Nmr(options.Stake),
            ["profileUrl"] = null,
            ["startDate"] = Time(options.RoundAnchor.AddDays(-300)),
            ["team"] = false,
            ["tournament"] = 8,
            ["control"] = null,
        };
        if (selection.Has("dailyModelPerformances"))
        {
            profile["dailyModelPerformances"] = DailyPerformances(model.Id);
        }

        if (selection.Has("latestSubmissionScores"))
        {
            var latest = account.Counted(model.Id).Select(s => (s, d: scores.Latest(s))).FirstOrDefault(x => x.d is not null);
            profile["latestSubmissionScores"] = latest.d is null ? new JsonArray() : new JsonArray([.. ScoreRows(latest.s, clock.ByNumber(latest.s.Round)!, latest.d)]);
        }

        return profile;
    }

    /// <summary>One entry a day (00:00 UTC) from the first resolved round until today: reputation = mean of the last 20 resolved rounds.</summary>
    private JsonArray DailyPerformances(string modelId)
    {
        var list = new JsonArray();
        var first = account.Counted(modelId).Select(s => clock.ByNumber(s.Round)).OfType<SandboxRound>().Select(clock.ResolveTime).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        if (first == DateTimeOffset.MaxValue)
        {
            return list;
        }

        var peers = Peers();
        for (var day = new DateTimeOffset(first.UtcDateTime.Date, TimeSpan.Zero).AddDays(1); day <= clock.Now; day = day.AddDays(1))
        {
            var (corr, mmc, _, rounds) = Reputation(modelId, day);
            if (rounds == 0)
            {
                continue;
            }

            list.Add(new JsonObject
            {
                ["date"] = Time(day),
                ["corrRep"] = Number(corr),
                ["corrRank"] = 1 + peers.Count(p => p.Corr > corr),
                ["mmcRep"] = Number(mmc),
                ["mmcRank"] = 1 + peers.Count(p => p.Mmc > mmc),
                ["fncRep"] = null,
                ["fncRank"] = null,
                ["fncV3Rep"] = null,
                ["fncV3Rank"] = null,
                ["tcRep"] = null,
                ["tcRank"] = null,
            });
        }

        return list;
    }
}
