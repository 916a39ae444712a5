using System.Reflection;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Planning;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Doctor;

/// <summary>
/// Runs the checks plugins provide (<see cref="IStageCheck{TOptions}"/>) for every stage of a plan, in the order the
/// stages would run, with the options as known before the run (values from other stages' outputs deferred), so
/// that facts an earlier stage's check learns reach the checks of the stages that use its outputs.
/// </summary>
internal sealed class StageChecks(ExecutionPlan plan, string workspace, ILoggerFactory loggers, ISecretStore secrets, TimeProvider time, Func<string, string?> environment)
{
    private readonly Dictionary<(string Stage, string Output, string Key), string> facts = [];

    public async Task<IReadOnlyList<DoctorRow>> RunAsync(CancellationToken cancellationToken)
    {
        var rows = new List<DoctorRow>();
        foreach (var stage in plan.Stages)
        {
            var descriptor = stage.Descriptor;
            var contract = descriptor.StageType.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStageCheck<>) && i.GetGenericArguments()[0] == descriptor.OptionsType);
            if (contract is null)
            {
                continue;
            }

            var diagnostics = new List<Diagnostic>();
            var options = OptionsBinder.Bind(stage.Definition, descriptor, new ValueResolver(plan.Pipeline, secrets, null, environment), diagnostics);
            if (options is null)
            {
                // The plan bound them already; this is only reached if binding depends on something that changed since.
                rows.AddRange(diagnostics.Select(d => new DoctorRow(CheckResult.Failed("options", d.Render(), "Fix the pipeline ('numerai-pipeline validate')."), [stage.Id])));
                continue;
            }

            var context = new HostCheckContext(plan.Pipeline.Name, stage.Id, workspace, loggers.CreateLogger(descriptor.Id), secrets, time, environment, StageReferences.Of(stage.Definition), facts);
            IReadOnlyList<CheckResult> results;
            try
            {
                var instance = Activator.CreateInstance(descriptor.StageType)!;
                var task = (Task<IReadOnlyList<CheckResult>>)contract.GetMethod(nameof(IStageCheck<object>.CheckAsync))!.Invoke(instance, [context, options, cancellationToken])!;
                results = await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
                results = [CheckResult.Failed($"{descriptor.Id} check", $"the check of plugin '{descriptor.Plugin.Name}' threw {cause.GetType().Name}: {cause.Message.TrimEnd('.')}", "This is a bug of the plugin: report it to its author (doctor --verbose shows the stack trace).")];
                loggers.CreateLogger("doctor").LogDebug(cause, "The check of stage {Stage} threw", stage.Id);
            }

            rows.AddRange(results.Select(r => new DoctorRow(Redacted(r), [stage.Id])));
        }

        return Merge(rows);
    }

    private CheckResult Redacted(CheckResult r) => r with { Detail = secrets.Redact(r.Detail), Fix = r.Fix is null ? null : secrets.Redact(r.Fix) };

    /// <summary>The same row from several stages (one endpoint's keys checked by three stages) is shown once, naming them all.</summary>
    private static List<DoctorRow> Merge(List<DoctorRow> rows)
    {
        var merged = new List<DoctorRow>();
        foreach (var row in rows)
        {
            var index = merged.FindIndex(m => m.Result == row.Result);
            if (index < 0)
            {
                merged.Add(row);
            }
            else
            {
                merged[index] = merged[index] with { Stages = [.. merged[index].Stages, .. row.Stages] };
            }
        }

        return merged;
    }
}
