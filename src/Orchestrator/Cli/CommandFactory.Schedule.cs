using System.CommandLine;
using Cronos;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.Orchestrator.Scheduling;

namespace NumeraiPipeline.Orchestrator.Cli;

internal sealed partial class CommandFactory
{
    public static readonly Argument<string[]> Pipelines = new("pipelines") { Description = "Pipeline names or files", Arity = ArgumentArity.OneOrMore };
    public static readonly Option<string[]> CronOption = new("--cron") { Description = "Cron expression (5 fields, or 6 with seconds), repeatable; e.g. \"5 12 * * 2-6\" for 12:05 Tue-Sat", Required = true, AllowMultipleArgumentsPerToken = false };
    public static readonly Option<string> TimeZoneOption = new("--time-zone") { Description = "IANA time zone of the cron expressions", DefaultValueFactory = _ => "UTC" };
    public static readonly Option<TimeSpan?> RetryEvery = new Option<TimeSpan?>("--retry-every") { Description = "Retry a failed run after this long (e.g. 00:05:00), while within --retry-window of its tick; stages already done are up to date" }.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
    public static readonly Option<TimeSpan?> RetryWindow = new Option<TimeSpan?>("--retry-window") { Description = "How long after its tick a failed run is retried (e.g. 00:55:00 for a one-hour round window)" }.InRange(TimeSpan.Zero, TimeSpan.FromDays(7));
    public static readonly Option<int?> MaxRuns = new Option<int?>("--max-runs") { Description = "Stop after starting this many runs (default: run until stopped)" }.InRange(1, 1_000_000);

    public Command Schedule()
    {
        var command = new Command("schedule", "Stay running and start pipelines on cron schedules; plugins are hot-swapped between runs; Ctrl+C or SIGTERM stops gracefully") { Pipelines, CronOption, TimeZoneOption, MaxRuns, MaxParallel, RetryEvery, RetryWindow };
        command.SetAction(async (parse, token) =>
        {
            using var session = Session(parse);
            var jobs = ParseJobs(parse.GetValue(Pipelines)!, parse.GetValue(CronOption)!, parse.GetValue(TimeZoneOption)!);
            var logger = session.LoggerFactory.CreateLogger("NumeraiPipeline.Schedule");
            using var manager = new PluginManager(() => session.LoadPlugins(unloadable: true), logger);
            using var watcher = new PluginWatcher(manager.Current.SearchedDirectories, [], TimeSpan.FromMilliseconds(750));
            var linked = Link(token);
            _ = ReloadOnChangeAsync(watcher, manager, linked);
            foreach (var job in jobs)
            {
                session.Plan(job.Pipeline, manager.Current);
            }

            var scheduler = new Scheduler(jobs, async (pipeline, ct) =>
            {
                var set = manager.Acquire();
                try
                {
                    var plan = session.Plan(pipeline, set);
                    return (await ExecuteAsync(session, plan, parse, ct).ConfigureAwait(false)).ExitCode;
                }
                catch (PipelineException ex)
                {
                    foreach (var d in ex.Diagnostics)
                    {
                        session.Error.WriteLine(d.Render());
                    }

                    return ex.ExitCode;
                }
                finally
                {
                    set.Release();
                }
            }, TimeProvider.System, logger, new RetryPolicy(parse.GetValue(RetryEvery) ?? TimeSpan.Zero, parse.GetValue(RetryWindow) ?? TimeSpan.FromMinutes(55)));
            await scheduler.RunAsync(parse.GetValue(MaxRuns), linked).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    public static IReadOnlyList<ScheduledJob> ParseJobs(IReadOnlyList<string> pipelines, IReadOnlyList<string> crons, string timeZone)
    {
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new PipelineException(DiagnosticCodes.BadArgument.Create("numerai-pipeline", $"--time-zone '{timeZone}' is not a known time zone. Use an IANA name such as 'UTC' or 'Europe/London'."));
        }

        var jobs = new List<ScheduledJob>();
        foreach (var expression in crons)
        {
            CronExpression cron;
            try
            {
                var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
                cron = CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            }
            catch (CronFormatException ex)
            {
                throw new PipelineException(DiagnosticCodes.BadArgument.Create("numerai-pipeline", $"--cron '{expression}' is not a valid cron expression: {ex.Message.TrimEnd('.')}. Example: \"5 12 * * 2-6\"."));
            }

            jobs.AddRange(pipelines.Select(p => new ScheduledJob(p, expression, cron, zone)));
        }

        return jobs;
    }

    private static async Task ReloadOnChangeAsync(PluginWatcher watcher, PluginManager manager, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                await watcher.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            manager.Reload();
        }
    }
}
