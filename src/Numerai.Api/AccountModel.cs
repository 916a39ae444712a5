namespace NumeraiPipeline.Numerai.Api;

/// <summary>A model with its settings (<c>account { models }</c>, <c>model(modelId:)</c>).</summary>
/// <param name="Id">The model id.</param>
/// <param name="Name">The model name.</param>
/// <param name="Tournament">The tournament (8 = classic).</param>
/// <param name="SubmissionWebhook">The compute webhook Numerai calls when a round opens, or null.</param>
/// <param name="Stake">The staked NMR, if reported.</param>
/// <param name="StakeStatus">The stake's status text, if reported.</param>
public sealed record AccountModel(string Id, string Name, int Tournament, string? SubmissionWebhook, decimal? Stake, string? StakeStatus);
