using System.Text.Json.Serialization;

namespace NumeraiPipeline.Numerai.Api.Live;

/// <summary>One daily (intra-round) score of a round.</summary>
/// <param name="Day">The scoring day.</param>
/// <param name="Date">When it was published.</param>
/// <param name="Corr">CORR on that day.</param>
/// <param name="Mmc">MMC on that day.</param>
/// <param name="Bmc">BMC on that day.</param>
public sealed record LiveDay(
    [property: JsonPropertyName("day")] int Day,
    [property: JsonPropertyName("date")] DateTimeOffset? Date,
    [property: JsonPropertyName("corr")] double? Corr,
    [property: JsonPropertyName("mmc")] double? Mmc,
    [property: JsonPropertyName("bmc")] double? Bmc);
