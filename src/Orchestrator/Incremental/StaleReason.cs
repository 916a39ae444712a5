namespace NumeraiPipeline.Orchestrator.Incremental;

internal enum StaleKind
{
    NeverBuilt,
    StampUnreadable,
    InputsNotAvailable,
    Forced,
    CacheDisabled,
    StageTypeChanged,
    PluginChanged,
    OptionsChanged,
    InputChanged,
    ExternalVersionChanged,
    OutputMissing,
    OutputChanged,
    DependencyWillRun,
    SecretOutput,
}

/// <summary>Why a stage must run, as data (printed by plan, logged, and set on the stage span).</summary>
internal sealed record StaleReason(StaleKind Kind, string Detail)
{
    public override string ToString() => Kind switch
    {
        StaleKind.NeverBuilt => "never built",
        StaleKind.StampUnreadable => "stamp unreadable: " + Detail,
        StaleKind.Forced => "forced",
        StaleKind.CacheDisabled => "not cached (cache: never, or when: always/failure)",
        _ => Detail,
    };

    /// <summary>The --json form: <c>{"kind": "input_changed", "detail": "input 'data' changed: ..."}</c>.</summary>
    public object ToJson(Func<string, string> redact) => new { kind = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(Kind.ToString()), detail = redact(ToString()) };
}
