using System.Globalization;
using NumeraiPipeline.Orchestrator.Diagnostics;

namespace NumeraiPipeline.Orchestrator.Planning;

/// <summary>
/// Which task of a sharded run this is: <c>Index</c> of <c>Count</c>, 1-based. From <c>--shard I/N</c>, else from the
/// environment of a job runner: Cloud Run's <c>CLOUD_RUN_TASK_INDEX</c> (0-based) and <c>CLOUD_RUN_TASK_COUNT</c>, or
/// Kubernetes' <c>JOB_COMPLETION_INDEX</c> (0-based) with the count from <c>--shard-count</c> or
/// <c>NUMERAI_PIPELINE_SHARD_COUNT</c>. A job of one task (the daily job) is not a sharded run.
/// </summary>
internal sealed record ShardSpec(int Index, int Count)
{
    /// <summary>The largest task count accepted (Cloud Run's own limit is 10,000 tasks).</summary>
    public const int MaxCount = 10_000;

    public const string CloudRunIndex = "CLOUD_RUN_TASK_INDEX";
    public const string CloudRunCount = "CLOUD_RUN_TASK_COUNT";
    public const string KubernetesIndex = "JOB_COMPLETION_INDEX";
    public const string CountVariable = "NUMERAI_PIPELINE_SHARD_COUNT";

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>The shard of this invocation, or null for an ordinary run; a bad value is NP1019 (exit code 2).</summary>
    public static ShardSpec? Resolve(string? option, int? countOption, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Parse(option.Trim(), "--shard");
        }

        var count = countOption?.ToString(CultureInfo.InvariantCulture) ?? Value(environment, CountVariable);
        if (Value(environment, CloudRunIndex) is { } cloudIndex)
        {
            var cloudCount = Value(environment, CloudRunCount) ?? count;
            if (cloudCount is null)
            {
                throw Bad($"{CloudRunIndex} is set ({cloudIndex}) but {CloudRunCount} is not: set both (Cloud Run does), or pass --shard I/N.");
            }

            return FromZeroBased(cloudIndex, cloudCount, $"{CloudRunIndex}/{CloudRunCount}");
        }

        if (Value(environment, KubernetesIndex) is { } jobIndex)
        {
            if (count is null)
            {
                // A Kubernetes job without a count may be an ordinary indexed job: sharding needs the count said.
                return null;
            }

            return FromZeroBased(jobIndex, count, $"{KubernetesIndex} with the count {count}");
        }

        return countOption is null ? null : throw Bad("--shard-count needs the task index: --shard I/N, CLOUD_RUN_TASK_INDEX or JOB_COMPLETION_INDEX.");
    }

    private static ShardSpec? FromZeroBased(string index, string count, string source)
    {
        var spec = Parse($"{Plus1(index)}/{count}", source);
        // One task of one: an ordinary (unsharded) execution, e.g. the daily job on Cloud Run.
        return spec.Count == 1 ? null : spec;

        static string Plus1(string text) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < int.MaxValue ? (i + 1).ToString(CultureInfo.InvariantCulture) : text + "+1";
    }

    private static ShardSpec Parse(string text, string source)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw Bad($"{source} '{text}' is not I/N: give the task's 1-based index and the task count, e.g. --shard 2/10.");
        }

        if (count < 1 || count > MaxCount)
        {
            throw Bad($"{source} '{text}': the task count must be between 1 and {MaxCount}, not {count}.");
        }

        if (index < 1 || index > count)
        {
            throw Bad($"{source} '{text}': the task index must be between 1 and {count} (1-based), not {index}.");
        }

        return new ShardSpec(index, count);
    }

    private static string? Value(Func<string, string?> environment, string name) =>
        environment(name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private static PipelineException Bad(string message) =>
        new(DiagnosticCodes.BadShard.Create("numerai-pipeline", message));
}
