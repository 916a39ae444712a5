using Microsoft.Extensions.Time.Testing;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Storage.Tests;

/// <summary>Retries within a budget on a fake clock, over a real folder store that fails on demand.</summary>
public sealed class ResilientRemoteStoreTests : IDisposable
{
    private readonly TempWorkspace temp = new();
    private readonly FakeTimeProvider time = new();
    private readonly List<StoreRetry> retries = [];

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_burst_of_transient_failures_is_ridden_out_with_doubling_delays()
    {
        var inner = new FlakyStore(new LocalDirectoryStore(temp.File("store"))) { FailNext = 3 };
        var store = Resilient(inner, TimeSpan.FromSeconds(60));
        File.WriteAllText(temp.File("f.txt"), "data");

        var info = await store.UploadAsync(temp.File("f.txt"), "a/f.txt", CancellationToken.None);

        info.Size.ShouldBe(4);
        retries.Select(r => (r.Attempt, r.Delay.TotalSeconds)).ShouldBe([(1, 0.5), (2, 1.0), (3, 2.0)]);
        store.IsDown.ShouldBeFalse();
    }

    [Fact]
    public async Task After_one_operation_spends_its_budget_the_next_fails_after_a_single_attempt_until_the_store_answers()
    {
        var inner = new FlakyStore(new LocalDirectoryStore(temp.File("store"))) { FailNext = 1000 };
        var store = Resilient(inner, TimeSpan.FromSeconds(10));

        var first = await Should.ThrowAsync<StorageException>(() => store.StatAsync("a", CancellationToken.None));
        var attemptsOfFirst = inner.Calls;
        var second = await Should.ThrowAsync<StorageException>(() => store.StatAsync("b", CancellationToken.None));
        inner.FailNext = 0;
        var third = await store.StatAsync("c", CancellationToken.None);
        inner.FailNext = 1;
        var fourth = await store.StatAsync("d", CancellationToken.None);

        first.Code.ShouldBe("NP6756");
        first.Message.ShouldBe($"The store {temp.File("store")} could not read the metadata of 'a': {attemptsOfFirst} attempt(s) for 10 s (budget 10 s) all failed; the last: injected fault. Check the network, the bucket and its permissions, then run again.");
        second.Code.ShouldBe("NP6756");
        second.Message.ShouldContain("1 attempt(s) after the store had already failed earlier in this process");
        inner.Calls.ShouldBe(attemptsOfFirst + 1 + 1 + 2);
        third.ShouldBeNull();
        fourth.ShouldBeNull("a recovered store is retried again");
    }

    [Fact]
    public async Task A_permanent_failure_is_not_retried()
    {
        var inner = new FlakyStore(new LocalDirectoryStore(temp.File("store"))) { FailNext = 5, Permanent = true };
        var store = Resilient(inner, TimeSpan.FromSeconds(60));

        var ex = await Should.ThrowAsync<StorageException>(() => store.StatAsync("a", CancellationToken.None));

        ex.Code.ShouldBe("NP6755");
        inner.Calls.ShouldBe(1);
        retries.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_attempt_that_never_answers_times_out_and_cancellation_of_the_run_is_not_retried()
    {
        var inner = new FlakyStore(new LocalDirectoryStore(temp.File("store"))) { HangNext = 1 };
        var store = new ResilientRemoteStore(inner, new StoreRetryOptions { Budget = TimeSpan.FromSeconds(30), Time = time })
        {
            Retrying = r =>
            {
                retries.Add(r);
                time.Advance(r.Delay);
            },
        };
        inner.Hung = () => time.Advance(store.Options.EffectiveAttemptTimeout);

        (await store.StatAsync("x", CancellationToken.None)).ShouldBeNull();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => store.StatAsync("y", cancelled.Token));

        store.Options.EffectiveAttemptTimeout.ShouldBe(TimeSpan.FromSeconds(10));
        retries.ShouldHaveSingleItem().Error.Message.ShouldBe($"Cannot read the metadata of 'x' in {temp.File("store")}: no answer within 10 s. Check the network and the store URI.");
    }

    [Fact]
    public void Transfer_timeouts_grow_with_the_size()
    {
        var options = new StoreRetryOptions { Budget = TimeSpan.FromSeconds(90) };

        options.EffectiveAttemptTimeout.ShouldBe(TimeSpan.FromSeconds(20));
        options.TransferTimeout(10L << 20).ShouldBe(TimeSpan.FromSeconds(30));
        new StoreRetryOptions { Budget = TimeSpan.FromSeconds(3) }.EffectiveAttemptTimeout.ShouldBe(TimeSpan.FromSeconds(5));
    }

    private ResilientRemoteStore Resilient(IRemoteStore inner, TimeSpan budget) =>
        new(inner, new StoreRetryOptions { Budget = budget, Time = time })
        {
            Retrying = r =>
            {
                retries.Add(r);
                time.Advance(r.Delay);
            },
        };
}
