using NumeraiPipeline.Plugins.LightGbm;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.LightGbm.Tests;

/// <summary>lightgbm.train's doctor check: the native library loads for real; memory from the measured cost per value.</summary>
public sealed class TrainChecksTests
{
    private const long GiB = 1L << 30;

    [Fact]
    public void The_native_library_and_its_OpenMP_runtime_load()
    {
        var row = TrainStage.NativeLibrary();

        row.Status.ShouldBe(CheckStatus.Ok);
        row.Detail.ShouldStartWith("lib_lightgbm 4.6.0 loads");
        if (OperatingSystem.IsLinux())
        {
            row.Detail.ShouldContain(", OpenMP runtime /");
            row.Detail.ShouldContain("libgomp");
        }
    }

    [Fact]
    public void Numerai_full_size_at_era_stride_4_needs_2_3_GiB_and_fails_on_a_2_GiB_machine()
    {
        using var ws = new TempWorkspace("np-check-");
        var context = new TestCheckContext(ws.Path)
            .Defer("data", "download").Defer("features", "download")
            .WithInputFact("data", "rows", "2750000")
            .WithInputFact("features", "feature_set.all", "2748");
        var options = new TrainOptions { FeatureSet = "all", EraStride = 4 };

        var small = TrainStage.Memory(context, options, 2_750_000, (2 * GiB, GiB));
        var large = TrainStage.Memory(context, options, 2_750_000, (24 * GiB, 16 * GiB));
        var busy = TrainStage.Memory(context, options, 2_750_000, (24 * GiB, GiB));

        // 687 500 rows x 2 748 features x 1 byte + 0.5 GiB = 2.26 GiB.
        small.ShouldBe(CheckResult.Failed(
            "memory for training",
            "about 2.3 GiB for 687,500 rows (era_stride 4 of 2,750,000) x 2,748 features (all); 2.0 GiB memory, 1.0 GiB available now",
            "Use a smaller feature_set or a larger era_stride, or a machine (job_memory) with more memory."));
        large.Status.ShouldBe(CheckStatus.Ok);
        large.Detail.ShouldBe("about 2.3 GiB for 687,500 rows (era_stride 4 of 2,750,000) x 2,748 features (all); 24.0 GiB memory, 16.0 GiB available now");
        busy.Status.ShouldBe(CheckStatus.Warning);
    }

    [Fact]
    public void Unknown_sizes_are_not_checkable_before_the_run()
    {
        using var ws = new TempWorkspace("np-check-");
        var context = new TestCheckContext(ws.Path).Defer("data", "download").Defer("features", "download");

        var row = TrainStage.Memory(context, new TrainOptions { FeatureSet = "medium" }, null, (8 * GiB, 4 * GiB));

        row.ShouldBe(CheckResult.Skipped("memory for training", "the training data come from stage 'download' and their size is unknown before the run; 4.0 GiB available fits about 3.8 G values (rows x features) at 1.0 byte each"));
    }
}
