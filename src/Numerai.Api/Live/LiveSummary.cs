using System.Text.Json.Serialization;

namespace NumeraiPipeline.Numerai.Api.Live;

/// <summary>The live figures of the last N resolved rounds (means over rounds with a value; null when none).</summary>
public sealed record LiveSummary
{
    /// <summary>How many resolved rounds the figures cover (at most the N asked for).</summary>
    [JsonPropertyName("rounds")]
    public int Rounds { get; init; }

    /// <summary>The N asked for.</summary>
    [JsonPropertyName("window")]
    public int Window { get; init; }

    /// <summary>Mean live CORR.</summary>
    [JsonPropertyName("corr_mean")]
    public double? CorrMean { get; init; }

    /// <summary>Population std of live CORR.</summary>
    [JsonPropertyName("corr_std")]
    public double? CorrStd { get; init; }

    /// <summary>Mean / std of live CORR.</summary>
    [JsonPropertyName("corr_sharpe")]
    public double? CorrSharpe { get; init; }

    /// <summary>Mean live MMC.</summary>
    [JsonPropertyName("mmc_mean")]
    public double? MmcMean { get; init; }

    /// <summary>Mean live BMC.</summary>
    [JsonPropertyName("bmc_mean")]
    public double? BmcMean { get; init; }

    /// <summary>Sum of the payouts.</summary>
    [JsonPropertyName("payout_total")]
    public decimal PayoutTotal { get; init; }

    /// <summary>The oldest and newest round covered.</summary>
    [JsonPropertyName("first_round")]
    public int? FirstRound { get; init; }

    /// <inheritdoc cref="FirstRound"/>
    [JsonPropertyName("last_round")]
    public int? LastRound { get; init; }
}
