using NumeraiPipeline.Numerai.Scoring;

namespace Numerai.Metrics.Tests;

public sealed class FeatureMatrixTests
{
    [Fact]
    public void Rows_are_found_across_blocks_including_empty_ones()
    {
        var m = new FeatureMatrix(2, [[1, 2, 3, 4], [], [5, 6], [7, 8, 9, 10]]);
        m.Rows.ShouldBe(5);
        m.Row(0).ToArray().ShouldBe(new byte[] { 1, 2 });
        m.Row(1).ToArray().ShouldBe(new byte[] { 3, 4 });
        m.Row(2).ToArray().ShouldBe(new byte[] { 5, 6 });
        m.Row(3).ToArray().ShouldBe(new byte[] { 7, 8 });
        m.Row(4).ToArray().ShouldBe(new byte[] { 9, 10 });
        m.FindAbove(8).ShouldBe((4, 0));
        m.FindAbove(10).ShouldBeNull();
    }

    [Fact]
    public void Blocks_must_hold_whole_rows() =>
        Should.Throw<ArgumentException>(() => new FeatureMatrix(3, [[1, 2, 3, 4]]));
}
