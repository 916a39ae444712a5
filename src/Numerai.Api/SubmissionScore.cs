namespace NumeraiPipeline.Numerai.Api;

/// <summary>One score of a submission (<c>submissionScores</c>).</summary>
/// <param name="RoundNumber">The round.</param>
/// <param name="SubmissionId">The submission id, if reported.</param>
/// <param name="DisplayName">The metric, e.g. <c>canon_corr</c>.</param>
/// <param name="Value">The value, if scored.</param>
/// <param name="Percentile">The percentile, if reported.</param>
/// <param name="Day">The scoring day.</param>
/// <param name="Resolved">Whether the round has resolved.</param>
public sealed record SubmissionScore(int RoundNumber, string? SubmissionId, string DisplayName, double? Value, double? Percentile, int? Day, bool Resolved);
