using Microsoft.Extensions.Logging;
using NumeraiPipeline.Orchestrator.Definition;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Execution;
using NumeraiPipeline.Orchestrator.Planning;
using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.Orchestrator.Telemetry;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>What every command needs: output writers, secrets, logging, telemetry, plugins, and pipeline loading.</summary>
internal sealed class CliSession : IDisposable
{
    private PluginSet? plugins;

    private readonly TextWriter? previousConsoleOut;
    private readonly IDisposable? nativeCapture;

    public CliSession(TextWriter output, TextWriter error, GlobalSettings settings, EnvironmentSecretStore? secrets = null, bool ownsConsole = false, Func<string, string?>? environment = null)
    {
        Environment = environment ?? System.Environment.GetEnvironmentVariable;
        Secrets = secrets ?? new EnvironmentSecretStore(Environment);
        Output = new RedactingTextWriter(output, Secrets);
        Error = new RedactingTextWriter(error, Secrets);
        Settings = settings;
        var level = settings.Verbose ? LogLevel.Debug : settings.Quiet ? LogLevel.Warning : LogLevel.Information;
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b =>
        {
            b.ClearProviders();
            b.SetMinimumLevel(level);
            b.AddProvider(new PipelineLoggerProvider(error, settings.LogFormat, level, Secrets, Environment("GOOGLE_CLOUD_PROJECT")));
        });
        if (ownsConsole)
        {
            // Whatever else prints "to the console" (a plugin, the console span exporter) goes to standard error,
            // redacted, and as JSON log lines when the log format is JSON.
            previousConsoleOut = Console.Out;
            Console.SetOut(settings.LogFormat == LogFormat.Json
                ? new LogLineWriter(LoggerFactory.CreateLogger("console"))
                : new RedactingTextWriter(error, Secrets));
            if (settings.LogFormat == LogFormat.Json)
            {
                var native = LoggerFactory.CreateLogger("native");
                nativeCapture = StandardStreams.CaptureNativeOutput(line => native.LogInformation("{Line}", line));
            }
        }

        Telemetry = new TelemetrySetup(settings.Trace, Secrets, Environment);
    }

    /// <summary>The environment variables of this invocation (the process's, or a test's).</summary>
    public Func<string, string?> Environment { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public GlobalSettings Settings { get; }

    public EnvironmentSecretStore Secrets { get; }

    public ILoggerFactory LoggerFactory { get; }

    public TelemetrySetup Telemetry { get; }

    public string Workspace => Path.GetFullPath(Settings.Workspace ?? Environment("NUMERAI_PIPELINE_WORKSPACE") ?? ".numerai-pipeline");

    public PluginSet Plugins => plugins ??= LoadPlugins(unloadable: false);

    public PluginSet LoadPlugins(bool unloadable)
    {
        var directories = PluginDirectories.Resolve(Settings.PluginsDirectories, !Settings.NoBuiltInPlugins, Environment);
        var set = PluginHost.Load(directories, unloadable);
        if (set.Plugins.Count == 0 && set.Diagnostics.Count == 0)
        {
            throw new PipelineException(DiagnosticCodes.NoPlugins.Create("numerai-pipeline", string.Join(", ", directories.Select(SourceLocation.DisplayPath))));
        }

        foreach (var warning in set.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning))
        {
            Error.WriteLine(Settings.LogFormat == LogFormat.Json ? DiagnosticJson.LogLine(warning, null) : warning.Render());
        }

        return set;
    }

    public PipelineDefinition Load(string nameOrPath) => PipelineLoader.Load(PipelineLocator.Find(nameOrPath), Settings.Sets);

    public ExecutionPlan Plan(string nameOrPath, PluginSet? set = null)
    {
        var definition = Load(nameOrPath);
        set ??= Plugins;
        return PipelinePlanner.Plan(definition, set.Stages, Secrets, Environment, set.Diagnostics);
    }

    public void Dispose()
    {
        Telemetry.Dispose();
        nativeCapture?.Dispose();
        Output.Flush();
        Error.Flush();
        if (previousConsoleOut is not null)
        {
            Console.Out.Flush();
            Console.SetOut(previousConsoleOut);
        }

        LoggerFactory.Dispose();
        plugins?.Dispose();
    }
}
