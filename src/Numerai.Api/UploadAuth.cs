namespace NumeraiPipeline.Numerai.Api;

/// <summary>The answer of <c>submissionUploadAuth</c>.</summary>
/// <param name="Filename">The server-side key; pass it to createSubmission.</param>
/// <param name="Url">The presigned PUT URL (treat as a secret: it grants write access).</param>
public sealed record UploadAuth(string Filename, Uri Url);
