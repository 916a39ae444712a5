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

    public CliSession(TextWriter output, TextWriter error, GlobalSettings settings)
    {
        Output = output;
        Error = error;
        Settings = settings;
        Secrets = new EnvironmentSecretStore();
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b =>
        {
            b.ClearProviders();
            b.SetMinimumLevel(settings.Verbose ? LogLevel.Debug : settings.Quiet ? LogLevel.Warning : LogLevel.Information);
            b.AddProvider(new PipelineLoggerProvider(error, settings.LogFormat, settings.Verbose ? LogLevel.Debug : settings.Quiet ? LogLevel.Warning : LogLevel.Information, Secrets));
        });
        Telemetry = new TelemetrySetup(settings.Trace, Secrets);
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public GlobalSettings Settings { get; }

    public EnvironmentSecretStore Secrets { get; }

    public ILoggerFactory LoggerFactory { get; }

    public TelemetrySetup Telemetry { get; }

    public string Workspace => Path.GetFullPath(Settings.Workspace ?? Environment.GetEnvironmentVariable("NUMERAI_PIPELINE_WORKSPACE") ?? ".numerai-pipeline");

    public PluginSet Plugins => plugins ??= LoadPlugins(unloadable: false);

    public PluginSet LoadPlugins(bool unloadable)
    {
        var directories = PluginDirectories.Resolve(Settings.PluginsDirectory);
        var set = PluginHost.Load(directories, unloadable);
        if (set.Plugins.Count == 0 && set.Diagnostics.Count == 0)
        {
            throw new PipelineException(DiagnosticCodes.NoPlugins.Create("numerai-pipeline", string.Join(", ", directories.Select(SourceLocation.DisplayPath))));
        }

        foreach (var warning in set.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning))
        {
            Error.WriteLine(warning.Render());
        }

        return set;
    }

    public PipelineDefinition Load(string nameOrPath) => PipelineLoader.Load(PipelineLocator.Find(nameOrPath), Settings.Sets);

    public ExecutionPlan Plan(string nameOrPath, PluginSet? set = null)
    {
        var definition = Load(nameOrPath);
        set ??= Plugins;
        return PipelinePlanner.Plan(definition, set.Stages, Secrets, set.Diagnostics);
    }

    public void Dispose()
    {
        Telemetry.Dispose();
        LoggerFactory.Dispose();
        plugins?.Dispose();
    }
}
