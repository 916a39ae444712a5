namespace NumeraiPipeline.Sdk;

/// <summary>One row of <c>numerai-pipeline doctor</c>: what was checked, the verdict, what was found, how to fix it.</summary>
/// <param name="Name">What was checked, short: <c>numerai api keys</c>, <c>free disk</c>.</param>
/// <param name="Status">The verdict.</param>
/// <param name="Detail">What was found, with the figures (never a secret).</param>
public sealed record CheckResult(string Name, CheckStatus Status, string Detail)
{
    /// <summary>How to fix it: required for <see cref="CheckStatus.Failed"/> and <see cref="CheckStatus.Warning"/>.</summary>
    public string? Fix { get; init; }

    /// <summary>A row that passed.</summary>
    /// <param name="name">What was checked.</param>
    /// <param name="detail">What was found.</param>
    /// <returns>The row.</returns>
    public static CheckResult Ok(string name, string detail) => new(name, CheckStatus.Ok, detail);

    /// <summary>A row that could not be checked before the run.</summary>
    /// <param name="name">What was to be checked.</param>
    /// <param name="detail">Why it could not be.</param>
    /// <returns>The row.</returns>
    public static CheckResult Skipped(string name, string detail) => new(name, CheckStatus.Skipped, detail);

    /// <summary>A row that passed with a caveat.</summary>
    /// <param name="name">What was checked.</param>
    /// <param name="detail">What was found.</param>
    /// <param name="fix">What to do about it.</param>
    /// <returns>The row.</returns>
    public static CheckResult Warning(string name, string detail, string fix) => new(name, CheckStatus.Warning, detail) { Fix = fix };

    /// <summary>A row that failed: the run would fail for it.</summary>
    /// <param name="name">What was checked.</param>
    /// <param name="detail">What was found.</param>
    /// <param name="fix">How to fix it.</param>
    /// <returns>The row.</returns>
    public static CheckResult Failed(string name, string detail, string fix) => new(name, CheckStatus.Failed, detail) { Fix = fix };
}
