using System.Text.Json.Serialization;

namespace NumeraiPipeline.Numerai.Api.Live;

/// <summary>One round of a model in performance.json: its state, latest (or final) scores and payout.</summary>
public sealed record LiveRound
{
    /// <summary>The round number.</summary>
    [JsonPropertyName("round")]
    public int Round { get; init; }

    /// <summary><c>resolved</c> (final scores), <c>resolving</c> (daily scores so far) or <c>pending</c> (not scored yet).</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = LiveStatus.Pending;

    /// <summary>When the round opened.</summary>
    [JsonPropertyName("open_time")]
    public DateTimeOffset? OpenTime { get; init; }

    /// <summary>When it resolves (or resolved).</summary>
    [JsonPropertyName("resolve_time")]
    public DateTimeOffset? ResolveTime { get; init; }

    /// <summary>The scoring day of the scores (the last day once resolved), or null before the first.</summary>
    [JsonPropertyName("day")]
    public int? Day { get; init; }

    /// <summary>Live CORR (canon_corr).</summary>
    [JsonPropertyName("corr")]
    public double? Corr { get; init; }

    /// <summary>Live MMC (canon_mmc).</summary>
    [JsonPropertyName("mmc")]
    public double? Mmc { get; init; }

    /// <summary>Live BMC (canon_bmc).</summary>
    [JsonPropertyName("bmc")]
    public double? Bmc { get; init; }

    /// <summary>CORR with the meta model.</summary>
    [JsonPropertyName("corr_with_meta_model")]
    public double? CorrWithMetaModel { get; init; }

    /// <summary>NMR at risk in the round.</summary>
    [JsonPropertyName("at_risk")]
    public decimal? AtRisk { get; init; }

    /// <summary>NMR won (negative: burned): settled once resolved, else pending on the latest scores.</summary>
    [JsonPropertyName("payout")]
    public decimal? Payout { get; init; }

    /// <summary>The daily scores (day, CORR, MMC, BMC), when they were fetched.</summary>
    [JsonPropertyName("daily")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LiveDay>? Daily { get; init; }
}
