using System.ComponentModel;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Basic;

public sealed class LeaseOptions
{
    [Description("Lease name (under test.lease/)")]
    public string Name { get; set; } = "work";

    public int TtlSeconds { get; set; } = 60;

    public int WaitSeconds { get; set; }

    [Description("A file in the state folder: the holder appends 'line' to it unless it already holds that line")]
    public string StateFile { get; set; } = "done.txt";

    public string Line { get; set; } = "done";

    [Description("Created once the lease is held (a signal for racing tests)")]
    public string? HeldMarker { get; set; }

    [Description("While holding the lease, wait for this file to exist (a barrier for racing tests)")]
    public string? HoldUntil { get; set; }

    public bool SaveState { get; set; } = true;
}

/// <summary>
/// Work guarded by a lease, done once across executions sharing a store: under the lease, the state file says
/// whether an earlier holder did it (declines TST0006), else it is done (a line appended) and the state saved.
/// </summary>
[Stage("test.lease", Description = "Does a piece of work once across executions: lease, check state, append, save")]
[StageOutput("did", Kind = OutputKind.Value, Description = "true when this execution did the work")]
public sealed class LeaseStage : IStage<LeaseOptions>
{
    public async Task<StageResult> RunAsync(StageContext context, LeaseOptions options, CancellationToken cancellationToken)
    {
        await using var lease = await context.TryAcquireLeaseAsync("test.lease/" + options.Name, TimeSpan.FromSeconds(options.TtlSeconds), TimeSpan.FromSeconds(options.WaitSeconds), cancellationToken);
        if (lease is null)
        {
            return StageResult.Declined("TST0005", $"lease '{options.Name}' is held by another execution");
        }

        if (options.HeldMarker is not null)
        {
            await File.WriteAllTextAsync(options.HeldMarker, context.RunId, cancellationToken);
        }

        while (options.HoldUntil is not null && !File.Exists(options.HoldUntil))
        {
            await Task.Delay(20, cancellationToken);
        }

        var file = Path.Combine(context.StateDirectory, options.StateFile);
        var lines = File.Exists(file) ? await File.ReadAllLinesAsync(file, cancellationToken) : [];
        if (lines.Contains(options.Line))
        {
            return StageResult.Declined("TST0006", $"'{options.Line}' was already done by an earlier execution");
        }

        await File.WriteAllLinesAsync(file + ".tmp-x", [.. lines, options.Line], cancellationToken);
        File.Move(file + ".tmp-x", file, overwrite: true);
        if (options.SaveState)
        {
            await context.SaveStateAsync(cancellationToken);
        }

        context.Outputs.SetValue("did", "true");
        return StageResult.Succeeded();
    }
}
