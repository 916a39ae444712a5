namespace NumeraiPipeline.Plugins.Numerai.Submit;

/// <summary>One line of the submissions ledger (<c>submissions/ledger.jsonl</c> in the workspace).</summary>
/// <param name="Endpoint">The API host the submission went to.</param>
/// <param name="Round">The round.</param>
/// <param name="Model">The model name.</param>
/// <param name="ModelId">The model id.</param>
/// <param name="Sha256">The SHA-256 of the uploaded CSV.</param>
/// <param name="SubmissionId">The submission id Numerai returned.</param>
/// <param name="SubmittedAt">When.</param>
/// <param name="Late">Whether it was a late submission.</param>
internal sealed record LedgerEntry(string Endpoint, int Round, string Model, string ModelId, string Sha256, string SubmissionId, DateTimeOffset SubmittedAt, bool Late);
