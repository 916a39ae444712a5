namespace NumeraiPipeline.Numerai.Api;

/// <summary>One score of a model in a round (<c>submissionScores</c> / <c>intraRoundSubmissionScores</c> of a round performance).</summary>
/// <param name="DisplayName">The metric, e.g. <c>canon_corr</c>, <c>canon_mmc</c>, <c>canon_bmc</c>.</param>
/// <param name="Value">The value, if scored.</param>
/// <param name="Percentile">The percentile, if reported.</param>
/// <param name="Day">The scoring day.</param>
/// <param name="Date">When the score was published.</param>
/// <param name="PayoutPending">NMR pending on this score (before the round resolves).</param>
/// <param name="PayoutSettled">NMR settled (once the round resolved).</param>
public sealed record RoundScore(string DisplayName, double? Value, double? Percentile, int? Day, DateTimeOffset? Date, decimal? PayoutPending, decimal? PayoutSettled);
