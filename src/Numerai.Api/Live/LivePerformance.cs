using System.Text.Json;
using System.Text.Json.Serialization;

namespace NumeraiPipeline.Numerai.Api.Live;

/// <summary>
/// performance.json: a model's live rounds (oldest first) as Numerai reports them, and the summary of its last N
/// resolved rounds. Written by numerai.performance, read by numerai.report (Live section) and numerai.gate (live checks).
/// </summary>
public sealed record LivePerformance
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>The model name.</summary>
    [JsonPropertyName("model")]
    public string Model { get; init; } = "";

    /// <summary>The model id.</summary>
    [JsonPropertyName("model_id")]
    public string ModelId { get; init; } = "";

    /// <summary>When the figures were fetched.</summary>
    [JsonPropertyName("fetched_at")]
    public DateTimeOffset FetchedAt { get; init; }

    /// <summary>The summary of the last <see cref="LiveSummary.Window"/> resolved rounds.</summary>
    [JsonPropertyName("summary")]
    public LiveSummary Summary { get; init; } = new();

    /// <summary>Every round of the model, oldest first.</summary>
    [JsonPropertyName("rounds")]
    public IReadOnlyList<LiveRound> Rounds { get; init; } = [];

    /// <summary>Builds the document from Numerai's round performances (any order).</summary>
    /// <param name="model">The model name.</param>
    /// <param name="modelId">The model id.</param>
    /// <param name="fetchedAt">When they were fetched.</param>
    /// <param name="performances">The rounds.</param>
    /// <param name="window">How many of the latest resolved rounds the summary covers.</param>
    /// <returns>The document.</returns>
    public static LivePerformance From(string model, string modelId, DateTimeOffset fetchedAt, IEnumerable<RoundPerformance> performances, int window)
    {
        var rounds = performances.OrderBy(p => p.RoundNumber).Select(ToRound).ToList();
        return new LivePerformance { Model = model, ModelId = modelId, FetchedAt = fetchedAt, Rounds = rounds, Summary = Summarise(rounds, window) };
    }

    /// <summary>The summary of the last <paramref name="window"/> resolved rounds of <paramref name="rounds"/> (oldest first).</summary>
    /// <param name="rounds">The rounds.</param>
    /// <param name="window">N.</param>
    /// <returns>The summary.</returns>
    public static LiveSummary Summarise(IReadOnlyList<LiveRound> rounds, int window)
    {
        var last = rounds.Where(r => r.Status == LiveStatus.Resolved).TakeLast(Math.Max(0, window)).ToList();
        static double? Mean(IEnumerable<double?> values) => values.OfType<double>().Where(double.IsFinite).ToList() is { Count: > 0 } v ? v.Average() : null;
        var corr = last.Select(r => r.Corr).OfType<double>().Where(double.IsFinite).ToList();
        double? std = corr.Count > 0 ? Math.Sqrt(corr.Sum(c => (c - corr.Average()) * (c - corr.Average())) / corr.Count) : null;
        return new LiveSummary
        {
            Rounds = last.Count,
            Window = window,
            CorrMean = Mean(last.Select(r => r.Corr)),
            CorrStd = std,
            CorrSharpe = std is > 0 ? corr.Average() / std : null,
            MmcMean = Mean(last.Select(r => r.Mmc)),
            BmcMean = Mean(last.Select(r => r.Bmc)),
            PayoutTotal = last.Sum(r => r.Payout ?? 0m),
            FirstRound = last.Count > 0 ? last[0].Round : null,
            LastRound = last.Count > 0 ? last[^1].Round : null,
        };
    }

    /// <summary>Reads performance.json.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The document.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="JsonException">It is not a performance document.</exception>
    public static LivePerformance Load(string path) =>
        JsonSerializer.Deserialize<LivePerformance>(File.ReadAllText(path), Json) ?? throw new JsonException("the file holds null, not a performance document");

    /// <summary>The document as indented JSON.</summary>
    /// <returns>The text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    private static LiveRound ToRound(RoundPerformance p)
    {
        var status = p.Resolved ? LiveStatus.Resolved : p.Scores.Count > 0 ? LiveStatus.Resolving : LiveStatus.Pending;
        var daily = p.DailyScores.Count == 0
            ? null
            : p.DailyScores.Where(s => s.Day is not null).GroupBy(s => s.Day!.Value).OrderBy(g => g.Key)
                .Select(g => new LiveDay(g.Key, g.First().Date, Value(g, "canon_corr"), Value(g, "canon_mmc"), Value(g, "canon_bmc"))).ToList();
        return new LiveRound
        {
            Round = p.RoundNumber,
            Status = status,
            OpenTime = p.OpenTime,
            ResolveTime = p.ResolveTime,
            Day = p.Scores.Select(s => s.Day).FirstOrDefault(d => d is not null),
            Corr = p.Score("canon_corr"),
            Mmc = p.Score("canon_mmc"),
            Bmc = p.Score("canon_bmc"),
            CorrWithMetaModel = p.Score("corr_w_meta_model"),
            AtRisk = p.AtRisk,
            Payout = p.Payout,
            Daily = daily,
        };
    }

    private static double? Value(IEnumerable<RoundScore> scores, string name) => scores.FirstOrDefault(s => s.DisplayName == name)?.Value;
}
