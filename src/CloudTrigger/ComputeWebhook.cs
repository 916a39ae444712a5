using System.Text.Json.Serialization;

namespace NumeraiPipeline.CloudTrigger;

/// <summary>The body of Numerai's compute webhook.</summary>
internal sealed record ComputeWebhook
{
    /// <summary>The round the webhook is for.</summary>
    [JsonPropertyName("roundNumber")]
    public int? RoundNumber { get; init; }

    /// <summary>The dataset version, e.g. <c>v5.0</c>.</summary>
    [JsonPropertyName("dataVersion")]
    public string? DataVersion { get; init; }

    /// <summary>The id that createSubmission's <c>triggerId</c> must carry.</summary>
    [JsonPropertyName("triggerId")]
    public string? TriggerId { get; init; }
}
