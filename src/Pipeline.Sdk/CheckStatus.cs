namespace NumeraiPipeline.Sdk;

/// <summary>The verdict of one check row.</summary>
public enum CheckStatus
{
    /// <summary>Ready.</summary>
    Ok,

    /// <summary>Could not be checked before the run (e.g. a value another stage produces); not a problem.</summary>
    Skipped,

    /// <summary>Works, but something deserves attention (a round about to close, little spare memory).</summary>
    Warning,

    /// <summary>The run would fail for this; <see cref="CheckResult.Fix"/> says what to do.</summary>
    Failed,
}
