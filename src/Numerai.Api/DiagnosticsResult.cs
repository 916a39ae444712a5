using System.Text.Json.Nodes;

namespace NumeraiPipeline.Numerai.Api;

/// <summary>A diagnostics run (<c>diagnostics(modelId:, id:)</c>): its status and, once done, Numerai's validation metrics.</summary>
/// <param name="Id">The diagnostics id.</param>
/// <param name="Status">The status text: <c>done</c> when computed, <c>failed</c> with a message, else still running.</param>
/// <param name="Message">The server's message (why it failed), if any.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Json">Every field the server sent, as sent (for writing the result file).</param>
public sealed record DiagnosticsResult(string Id, string Status, string? Message, DateTimeOffset? UpdatedAt, JsonObject Json)
{
    /// <summary>The status of a computed run.</summary>
    public const string DoneStatus = "done";

    /// <summary>The status of a run that could not be computed.</summary>
    public const string FailedStatus = "failed";

    /// <summary>Whether the run is computed.</summary>
    public bool IsDone => string.Equals(Status, DoneStatus, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the run failed.</summary>
    public bool IsFailed => string.Equals(Status, FailedStatus, StringComparison.OrdinalIgnoreCase) || string.Equals(Status, "error", StringComparison.OrdinalIgnoreCase);

    /// <summary>A summary metric (e.g. <c>validationCorrMean</c>), or null.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The value.</returns>
    public double? Metric(string name) => Number(Json[name]);

    /// <summary>The per-era figures.</summary>
    public IReadOnlyList<DiagnosticsEra> Eras =>
    [
        .. (Json["perEraDiagnostics"] as JsonArray ?? []).OfType<JsonObject>().Select(e => new DiagnosticsEra(
            e["era"]?.ToString() ?? "",
            Number(e["validationCorr"]),
            Number(e["validationMmc"]),
            Number(e["validationBmc"]),
            Number(e["validationFncV4"]),
            Number(e["validationFeatureCorrMax"]))),
    ];

    private static double? Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
}
