namespace NumeraiPipeline.Numerai.Api;

/// <summary>One API key of the account as <c>account { apiTokens }</c> reports it: its public id and its scopes.</summary>
/// <param name="Name">The key's name on numer.ai, if any.</param>
/// <param name="PublicId">The public id.</param>
/// <param name="Scopes">Its rights: <c>upload_submission</c>, <c>read_submission_info</c>, <c>read_user_info</c>, <c>stake</c>.</param>
public sealed record ApiTokenInfo(string? Name, string PublicId, IReadOnlyList<string> Scopes)
{
    /// <summary>The scope a key needs to upload submissions.</summary>
    public const string UploadScope = "upload_submission";
}
