using Microsoft.Extensions.Time.Testing;
using NumeraiPipeline.Orchestrator.Plugins;

namespace NumeraiPipeline.Orchestrator.Tests.Plugins;

/// <summary>The watcher signals once per quiet burst, and a burst that ends while a run is in progress is kept for later.</summary>
public sealed class PluginWatcherTests
{
    [Fact]
    public async Task A_burst_during_a_run_is_pending_afterwards_and_consumed_once()
    {
        var time = new FakeTimeProvider();
        using var watcher = new PluginWatcher([], [], TimeSpan.FromMilliseconds(750), time);

        // While the run goes nobody waits: changes arrive and the quiet period passes.
        watcher.Poke();
        time.Advance(TimeSpan.FromMilliseconds(500));
        watcher.Poke();
        time.Advance(TimeSpan.FromMilliseconds(749));
        watcher.Pending.ShouldBeFalse();
        time.Advance(TimeSpan.FromMilliseconds(1));
        watcher.Pending.ShouldBeTrue();

        // After the run: the wait returns at once, and consumes the burst.
        await watcher.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        watcher.Pending.ShouldBeFalse();
        var next = watcher.WaitAsync(CancellationToken.None);
        next.IsCompleted.ShouldBeFalse();

        watcher.Poke();
        time.Advance(TimeSpan.FromMilliseconds(750));
        await next.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Waiting_is_cancellable()
    {
        using var watcher = new PluginWatcher([], [], TimeSpan.FromMilliseconds(750), new FakeTimeProvider());
        using var cts = new CancellationTokenSource();

        var wait = watcher.WaitAsync(cts.Token);
        await cts.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(wait);
    }
}
