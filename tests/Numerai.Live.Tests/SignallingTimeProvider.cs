using Microsoft.Extensions.Time.Testing;

namespace NumeraiPipeline.Plugins.Numerai.Live.Tests;

/// <summary>
/// A fake clock that signals each timer it creates, so a test advances the clock exactly when the stage waits
/// (Task.Delay on the run's clock) instead of sleeping or racing it.
/// </summary>
internal sealed class SignallingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly SemaphoreSlim timers = new(0);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        timers.Release();
        return timer;
    }

    /// <summary>Advances by <paramref name="step"/> each time the task starts waiting, until it completes.</summary>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan step)
    {
        while (!task.IsCompleted)
        {
            var waiting = timers.WaitAsync();
            if (await Task.WhenAny(waiting, task) == waiting)
            {
                Advance(step);
            }
        }

        return await task;
    }
}
