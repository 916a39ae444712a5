using Microsoft.Extensions.Time.Testing;

namespace NumeraiPipeline.TestKit;

/// <summary>
/// A fake clock that signals every timer it creates (every Task.Delay on it), so a test moves time exactly when the
/// code under test has started waiting, instead of sleeping or racing it.
/// </summary>
public sealed class SignallingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly SemaphoreSlim timers = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        timers.Release();
        return timer;
    }

    /// <summary>Waits until the code under test starts its next wait on this clock (a generous guard against hangs).</summary>
    public async Task WaitForTimerAsync()
    {
        if (!await timers.WaitAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false))
        {
            throw new TimeoutException("the code under test never waited on the clock");
        }
    }

    /// <summary>Waits until the code under test waits on the clock, then moves the clock by <paramref name="by"/>.</summary>
    public async Task AdvanceWhenWaitingAsync(TimeSpan by)
    {
        await WaitForTimerAsync().ConfigureAwait(false);
        Advance(by);
    }

    /// <summary>
    /// Advances by <paramref name="step"/> each time the task starts waiting, until it completes. The step must reach
    /// the due time of the wait it answers (one signal per timer): use the poll interval, not a fraction of it.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan step)
    {
        while (!task.IsCompleted)
        {
            var waiting = timers.WaitAsync();
            if (await Task.WhenAny(waiting, task).ConfigureAwait(false) == waiting)
            {
                Advance(step);
            }
        }

        return await task.ConfigureAwait(false);
    }
}
