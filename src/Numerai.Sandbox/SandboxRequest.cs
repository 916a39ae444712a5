namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>One request the sandbox received (for tests: e.g. that presigned URLs got no Authorization header).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path without the query.</param>
/// <param name="HadAuthorization">Whether an Authorization header was sent.</param>
/// <param name="Range">The Range header, if any.</param>
public sealed record SandboxRequest(string Method, string Path, bool HadAuthorization, string? Range);
