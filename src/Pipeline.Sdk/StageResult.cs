namespace NumeraiPipeline.Sdk;

/// <summary>The outcome a stage reports.</summary>
public sealed class StageResult
{
    private StageResult(StageResultStatus status, string? message, string? code)
    {
        Status = status;
        Message = message;
        Code = code;
    }

    /// <summary>The status.</summary>
    public StageResultStatus Status { get; }

    /// <summary>A human-readable reason (for <see cref="StageResultStatus.Declined"/> and failures).</summary>
    public string? Message { get; }

    /// <summary>An NP (or plugin-prefixed) code for declines and failures.</summary>
    public string? Code { get; }

    /// <summary>The stage did its work.</summary>
    /// <returns>A succeeded result.</returns>
    public static StageResult Succeeded() => new(StageResultStatus.Succeeded, null, null);

    /// <summary>
    /// The stage decided not to do its work, on purpose and with a reason (a quality gate blocked a submission,
    /// the round is closed, the predictions were already submitted). Not an error: the run still succeeds. The reason is
    /// reported in the outcome table, the span and the run snapshot, and the stage's dependants are skipped with it as
    /// their cause (a <c>when: always</c> stage, such as a notifier, still runs).
    /// </summary>
    /// <param name="code">A code such as <c>NP7101</c>.</param>
    /// <param name="reason">Why.</param>
    /// <returns>A declined result.</returns>
    public static StageResult Declined(string code, string reason) => new(StageResultStatus.Declined, reason, code);

    /// <summary>The stage failed; dependants are skipped. Prefer throwing <see cref="StageException"/>.</summary>
    /// <param name="code">A code.</param>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <returns>A failed result.</returns>
    public static StageResult Failed(string code, string message) => new(StageResultStatus.Failed, message, code);
}

/// <summary>Status of a <see cref="StageResult"/>.</summary>
public enum StageResultStatus
{
    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>Chose not to act, with a reason; not an error.</summary>
    Declined,

    /// <summary>Failed.</summary>
    Failed,
}
