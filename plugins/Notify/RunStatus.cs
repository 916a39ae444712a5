namespace NumeraiPipeline.Plugins.Notify;

/// <summary>The overall status of a run as a notifier reports it.</summary>
internal enum RunStatus
{
    /// <summary>Every stage succeeded or was up to date.</summary>
    Succeeded,

    /// <summary>No stage failed, but at least one declined (a gate, a closed round, already submitted).</summary>
    Declined,

    /// <summary>At least one stage failed.</summary>
    Failed,

    /// <summary>The run was cancelled.</summary>
    Cancelled,
}
