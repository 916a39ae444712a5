using NumeraiPipeline.Plugins.LightGbm;
using NumeraiPipeline.Plugins.LightGbm.Training;

namespace NumeraiPipeline.LightGbm.Tests;

/// <summary>
/// The Dataset cache's bound (<c>dataset_cache_max_gb</c>): after a save the least recently used Datasets go until
/// the cache fits; one that another training holds (loading it) stays; leftovers of crashed saves go.
/// Three seeds give three Datasets of the same size (the seed seeds LightGBM's bin sample, so it is in the key).
/// </summary>
public sealed class DatasetCacheEvictionTests : IDisposable
{
    private readonly CacheTrainings t = new();

    private static string Short(string key) => key[..12];

    public void Dispose() => t.Dispose();

    private long SizeOf(string key) => new FileInfo(Path.Combine(t.CacheDirectory, key + ".bin")).Length;

    private async Task<string> BuildAsync(string file, int seed, double? maxGb = null)
    {
        var before = t.Datasets();
        var run = await t.TrainAsync($"seed{seed}_{Guid.NewGuid():N}", t.Options(file, seed: seed, maxGb: maxGb));
        run.Summary["dataset"].ShouldBe("built");
        return t.Datasets().Except(before).Single();
    }

    [Fact]
    public void The_bound_defaults_to_20_GB()
    {
        new TrainOptions().DatasetCacheMaxGb.ShouldBe(20);
        DatasetCache.DefaultMaxBytes.ShouldBe(20_000_000_000);
    }

    [Fact]
    public async Task Saving_past_the_bound_evicts_the_least_recently_used_dataset_and_a_load_counts_as_a_use()
    {
        var file = await t.WriteAsync();
        var k1 = await BuildAsync(file, seed: 1);
        var size = SizeOf(k1);
        var bound = 2.5 * size / 1e9;
        var k2 = await BuildAsync(file, seed: 2, maxGb: bound);
        SizeOf(k2).ShouldBe(size);
        t.Datasets().ShouldBe(new[] { k1, k2 }.Order(StringComparer.Ordinal).ToArray(), "two fit the bound");

        // k1 is used again: k2 is now the least recently used
        (await t.TrainAsync("seed1_again", t.Options(file, seed: 1, maxGb: bound))).Summary["dataset"].ShouldBe("cached");
        var third = await t.TrainAsync("seed3", t.Options(file, seed: 3, maxGb: bound));
        third.Summary["dataset"].ShouldBe("built");
        var k3 = t.Datasets().Except([k1, k2]).Single();
        t.Datasets().ShouldBe(new[] { k1, k3 }.Order(StringComparer.Ordinal).ToArray());
        third.Log.ShouldContain(l => l.StartsWith($"Information: Evicted the binned Dataset {Short(k2)} ({size / 1048576.0:F1} MiB, last used ", StringComparison.Ordinal)
            && l.EndsWith($"): the Dataset cache holds at most {bound:G4} GB", StringComparison.Ordinal));

        (await t.TrainAsync("seed2_again", t.Options(file, seed: 2, maxGb: bound))).Summary["dataset"].ShouldBe("built", "its Dataset was evicted");
        t.Datasets().ShouldBe(new[] { k2, k3 }.Order(StringComparer.Ordinal).ToArray(), "k1 was the least recently used now");
    }

    [Fact]
    public async Task A_dataset_another_training_holds_is_never_evicted_and_a_crashed_save_is_cleaned_up()
    {
        var file = await t.WriteAsync();
        var k1 = await BuildAsync(file, seed: 1);
        var k2 = await BuildAsync(file, seed: 2);
        var orphan = Path.Combine(t.CacheDirectory, $".{new string('a', 64)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(orphan, new byte[100]);

        string k3;
        List<string> log;
        using (var loading = DatasetLocks.TryAcquire(t.CacheDirectory, k1, null))
        {
            loading.ShouldNotBeNull();
            var third = await t.TrainAsync("seed3", t.Options(file, seed: 3, maxGb: 0));
            third.Summary["dataset"].ShouldBe("built");
            k3 = t.Datasets().Except([k1, k2]).Single();
            log = third.Log;
        }

        t.Datasets().ShouldBe(new[] { k1, k3 }.Order(StringComparer.Ordinal).ToArray(), "k2 was evicted; k1 is being loaded");
        log.ShouldContain($"Information: Kept the binned Dataset {k1[..12]} over the cache bound: another training is using it");
        File.Exists(orphan).ShouldBeFalse("nobody held the orphan's key: a crashed save's leftover");
        t.LockFiles().ShouldBeEmpty();

        var k4 = await BuildAsync(file, seed: 4, maxGb: 0);
        t.Datasets().ShouldBe([k4], "0 keeps only the Dataset just saved");
    }
}
