using Cronos;

namespace NumeraiPipeline.Orchestrator.Scheduling;

/// <summary>A pipeline and the cron expression (with its time zone) that starts it.</summary>
internal sealed record ScheduledJob(string Pipeline, string Expression, CronExpression Cron, TimeZoneInfo TimeZone)
{
    public DateTimeOffset? Next(DateTimeOffset after) => Cron.GetNextOccurrence(after, TimeZone);
}
