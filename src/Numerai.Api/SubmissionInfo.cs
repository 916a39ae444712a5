namespace NumeraiPipeline.Numerai.Api;

/// <summary>A submission as <c>submissions(modelId:)</c> lists it.</summary>
/// <param name="Id">The submission id.</param>
/// <param name="Filename">The server-side file name.</param>
/// <param name="InsertedAt">When it was created.</param>
/// <param name="RoundNumber">The round it belongs to, if reported.</param>
/// <param name="Status">The server's status text, if reported.</param>
public sealed record SubmissionInfo(string Id, string? Filename, DateTimeOffset? InsertedAt, int? RoundNumber, string? Status);
