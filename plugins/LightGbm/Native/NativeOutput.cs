using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>
/// One stage's handling of LightGBM's text: its log lines go to the stage's logger (<see cref="Sink"/>), its error
/// messages are cleaned the same way (<see cref="Clean"/>), and lower/upper-case copies of secret-bearing parameter
/// values are registered with the run's secrets so the host redacts them wherever the text travels.
/// </summary>
internal sealed class NativeOutput
{
    private readonly ISecretStore secrets;
    private readonly IReadOnlyList<string> parameterValues;

    public NativeOutput(StageContext context, IEnumerable<string> parameterValues, int verbosity)
    {
        secrets = context.Secrets;
        this.parameterValues = [.. parameterValues];
        NativeText.RegisterCaseVariants(secrets, this.parameterValues);
        Sink = new NativeLogSink(context.Logger, Clean, verbosity);
    }

    /// <summary>Where LightGBM's log lines go during <see cref="Run{T}"/>.</summary>
    public NativeLogSink Sink { get; }

    /// <summary>LightGBM's text without build paths and secrets.</summary>
    public string Clean(string text) => NativeText.Clean(text, secrets, parameterValues);

    /// <summary>Runs synchronous LightGBM calls with their output captured (see <see cref="NativeLog"/>).</summary>
    public T Run<T>(Func<T> action) => NativeLog.Run(Sink, action);

    /// <inheritdoc cref="Run{T}(Func{T})"/>
    public void Run(Action action) => NativeLog.Run(Sink, action);
}
