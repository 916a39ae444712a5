using System.CommandLine;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Doctor;
using NumeraiPipeline.Orchestrator.Planning;
using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Cli;

internal sealed partial class CommandFactory
{
    public static readonly Argument<string?> DoctorPipeline = new("pipeline") { Description = "A pipeline (name or file) whose stages to check as well; without it only the host is checked", Arity = ArgumentArity.ZeroOrOne };

    /// <summary>How long the store may take to answer the doctor's probe.</summary>
    public static readonly TimeSpan StoreProbeTimeout = TimeSpan.FromSeconds(60);

    public Command Doctor()
    {
        var command = new Command("doctor", "Check that this machine is ready to run a pipeline: plugins, workspace, store, and every check the pipeline's stages provide (credentials, round, disk, memory, native libraries). Exit 0 when ready, 3 when not") { DoctorPipeline };
        command.SetAction(async (parse, token) =>
        {
            using var session = Session(parse);
            token = Link(token);
            var rows = new List<DoctorRow>();
            var directories = PluginDirectories.Resolve(session.Settings.PluginsDirectories, !session.Settings.NoBuiltInPlugins, session.Environment);
            using var set = PluginHost.Load(directories, unloadable: false);
            rows.AddRange(HostChecks.Plugins(set).Select(DoctorRow.Host));
            rows.Add(DoctorRow.Host(HostChecks.Workspace(session.Workspace)));
            rows.Add(DoctorRow.Host(await HostChecks.StoreAsync(session.Settings.Store ?? session.Environment(Storage.RemoteStores.EnvironmentVariable), StoreProbeTimeout, session.Environment, token).ConfigureAwait(false)));

            string? name = null;
            if (parse.GetValue(DoctorPipeline) is { } pipeline)
            {
                var definition = session.Load(pipeline);
                name = definition.Name;
                ExecutionPlan? plan = null;
                try
                {
                    plan = PipelinePlanner.Plan(definition, set.Stages, session.Secrets, session.Environment, set.Diagnostics);
                    rows.Add(DoctorRow.Host(CheckResult.Ok("pipeline", $"{Definition.SourceLocation.DisplayPath(definition.FilePath)} is valid ({plan.Stages.Count} stages)")));
                }
                catch (PipelineException ex)
                {
                    rows.AddRange(ex.Diagnostics.Select(d => DoctorRow.Host(CheckResult.Failed("pipeline", d.Render(), DiagnosticCodes.All().FirstOrDefault(c => c.Code == d.Code)?.Help ?? "Fix the pipeline ('numerai-pipeline validate')."))));
                }

                if (plan is not null)
                {
                    rows.AddRange(await new StageChecks(plan, session.Workspace, session.LoggerFactory, session.Secrets, TimeProvider.System, session.Environment).RunAsync(token).ConfigureAwait(false));
                }
            }

            var report = new DoctorReport(name, rows);
            session.Output.WriteLine(session.Secrets.Redact(session.Settings.Json ? report.Json() : report.Table()));
            return report.ExitCode;
        });
        return command;
    }
}
