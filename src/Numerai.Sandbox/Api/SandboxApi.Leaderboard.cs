using System.Globalization;
using System.Text.Json.Nodes;
using NumeraiPipeline.Numerai.Sandbox.Live;

namespace NumeraiPipeline.Numerai.Sandbox;

internal sealed partial class SandboxApi
{
    private const int PeerCount = 48;

    /// <summary>One leaderboard entry: the account's models with their live figures, or a synthetic peer.</summary>
    private sealed record Standing(string Name, double Corr, double Mmc, double Bmc, double? Fnc, decimal Staked, double Return1Day, double Return13Weeks, double Return52Weeks, bool Own);

    /// <summary>The synthetic other participants (stable for a seed): reputations around Numerai's typical values.</summary>
    private List<Standing> Peers()
    {
        var peers = new List<Standing>(PeerCount);
        for (var i = 1; i <= PeerCount; i++)
        {
            var rng = new SandboxRandom(options.Seed, 0x1EAD, i);
            var corr = 0.012 + (0.012 * rng.NextGaussian());
            var mmc = 0.002 + (0.004 * rng.NextGaussian());
            var staked = Math.Round((decimal)Math.Exp(3.5 + (1.5 * rng.NextGaussian())), 2);
            var r13 = (0.5 * corr) + (2 * mmc) + (0.01 * rng.NextGaussian());
            peers.Add(new Standing(
                string.Create(CultureInfo.InvariantCulture, $"sandbox_peer_{i:00}"),
                corr, mmc, mmc + (0.003 * rng.NextGaussian()), corr * 0.6, staked, r13 / 13, r13, r13 * 4, Own: false));
        }

        return peers;
    }

    private Standing OwnStanding((string Id, string Name) model)
    {
        var now = clock.Now;
        var (corr, mmc, bmc, _) = Reputation(model.Id, now);
        double Return(TimeSpan window)
        {
            var won = account.Counted(model.Id)
                .Select(s => (s, r: clock.ByNumber(s.Round)))
                .Where(x => x.r is not null && clock.IsResolved(x.r) && clock.ResolveTime(x.r) > now - window)
                .Sum(x => scores.Latest(x.s)?.Payout ?? 0m);
            return options.Stake == 0 ? 0 : (double)(won / options.Stake);
        }

        return new Standing(model.Name, corr, mmc, bmc, null, options.Stake, Return(TimeSpan.FromDays(1)), Return(TimeSpan.FromDays(91)), Return(TimeSpan.FromDays(364)), Own: true);
    }

    private JsonNode Leaderboard(IReadOnlyDictionary<string, JsonNode?> args)
    {
        var standings = Peers().Concat(account.Models.Select(OwnStanding))
            .OrderByDescending(s => double.IsNaN(s.Corr) ? double.NegativeInfinity : s.Corr)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var offset = Math.Max(0, Int(args, "offset") ?? 0);
        var limit = Int(args, "limit") is { } l ? Math.Max(0, l) : int.MaxValue;
        return new JsonArray([.. standings.Select((s, i) => (s, rank: i + 1)).Skip(offset).Take(limit).Select(x => (JsonNode?)new JsonObject
        {
            ["id"] = StableId("leaderboard:" + x.s.Name),
            ["username"] = x.s.Name,
            ["rank"] = x.rank,
            ["storedRank"] = x.rank,
            ["nmrStaked"] = Nmr(x.s.Staked),
            ["team"] = false,
            ["isActive"] = true,
            ["profileUrl"] = null,
            ["corr20Rep"] = Number(x.s.Corr),
            ["corr20V2Rep"] = Number(x.s.Corr),
            ["mmcRep"] = Number(x.s.Mmc),
            ["bmcRep"] = Number(x.s.Bmc),
            ["corj60Rep"] = x.s.Own ? null : Number(x.s.Corr * 0.9),
            ["corr60Rep"] = x.s.Own ? null : Number(x.s.Corr * 0.9),
            ["cort20Rep"] = null,
            ["mmc60Rep"] = null,
            ["fncRep"] = x.s.Fnc is { } f ? Number(f) : null,
            ["fncV3Rep"] = x.s.Fnc is { } f3 ? Number(f3) : null,
            ["tcRep"] = null,
            ["return1Day"] = Number(x.s.Return1Day),
            ["return13Weeks"] = Number(x.s.Return13Weeks),
            ["return52Weeks"] = Number(x.s.Return52Weeks),
        })]);
    }
}
