using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Tests.Sdk;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("num_leafs", "num_leaves", false, 2)]
    [InlineData("", "abc", false, 3)]
    [InlineData("kitten", "sitting", false, 3)]
    [InlineData("Train.Parquet", "train.parquet", false, 2)]
    [InlineData("Train.Parquet", "train.parquet", true, 0)]
    [InlineData("feature_set", "feature_set", false, 0)]
    public void Counts_single_character_edits(string a, string b, bool ignoreCase, int expected)
    {
        EditDistance.Between(a, b, ignoreCase).ShouldBe(expected);
        EditDistance.Between(b, a, ignoreCase).ShouldBe(expected);
    }
}
