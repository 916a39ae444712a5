using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using NumeraiPipeline.Plugins.MlNet;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.MlNet.Tests;

/// <summary>mlnet.train's and ensemble's plan-time checks (what `validate` reports).</summary>
public sealed class OptionValidationTests
{
    private static List<string> Problems(IValidatableObject options) =>
        options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage!).ToList();

    private static MlNetTrainOptions Train(string name, object value) => new()
    {
        Data = new ArtifactRef("train.parquet"),
        Params = new() { [name] = JsonSerializer.SerializeToElement(value) },
    };

    [Theory]
    [InlineData("number_of_leaves", 1, "option 'params': 'number_of_leaves' must be a whole number from 2 to 2147483647 (ML.NET's limits), not 1.")]
    [InlineData("number_of_trees", 0, "option 'params': 'number_of_trees' must be a whole number from 1 to 2147483647 (ML.NET's limits), not 0.")]
    [InlineData("number_of_trees", 2147483648.0, "option 'params': 'number_of_trees' must be a whole number from 1 to 2147483647 (ML.NET's limits), not 2147483648.")]
    [InlineData("feature_fraction", 1.5, "option 'params': 'feature_fraction' must be a number > 0 and <= 1, not 1.5.")]
    [InlineData("minimum_example_count_per_leaf", 2.5, "option 'params': 'minimum_example_count_per_leaf' must be a whole number from 1 to 2147483647 (ML.NET's limits), not 2.5.")]
    [InlineData("learning_rate", -0.1, "option 'params': 'learning_rate' must be a number > 0, not -0.1.")]
    public void FastTree_values_outside_ML_NETs_limits_are_errors(string name, double value, string expected)
    {
        Problems(Train(name, value)).ShouldBe([expected]);
    }

    [Fact]
    public void The_limits_are_the_ones_ML_NET_itself_enforces()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 50).Select(i => new Row { Label = i % 5, Features = [i % 3, i % 7, i % 2] }));
        void Fit(Action<FastTreeRegressionTrainer.Options> set)
        {
            var options = new FastTreeRegressionTrainer.Options { MinimumExampleCountPerLeaf = 1 };
            set(options);
            ml.Regression.Trainers.FastTree(options).Fit(data);
        }

        Should.Throw<ArgumentOutOfRangeException>(() => Fit(o => o.NumberOfLeaves = 1));
        Should.Throw<ArgumentOutOfRangeException>(() => Fit(o => o.NumberOfTrees = 0));
        Should.Throw<ArgumentOutOfRangeException>(() => Fit(o => o.FeatureFraction = 1.5));
        Fit(o => (o.NumberOfLeaves, o.NumberOfTrees, o.FeatureFraction) = (2, 1, 1));
        Problems(Train("number_of_leaves", 2)).ShouldBeEmpty();
    }

    private sealed class Row
    {
        public float Label { get; set; }

        [Microsoft.ML.Data.VectorType(3)]
        public float[] Features { get; set; } = [];
    }

    [Fact]
    public void A_string_value_is_never_quoted()
    {
        Problems(Train("learning_rate", "s3cret-Value")).ShouldBe(["option 'params': 'learning_rate' must be a number > 0."]);
        Problems(Train("number_of_tree", 5)).ShouldBe(["option 'params': unknown FastTree parameter 'number_of_tree'. Known: number_of_trees, number_of_leaves, learning_rate, minimum_example_count_per_leaf, feature_fraction. Did you mean 'number_of_trees'?"]);
    }

    [Fact]
    public void Ensemble_weights_are_non_negative_not_all_zero_and_one_per_file_when_the_files_are_known()
    {
        EnsembleOptions Ensemble(int files, params double[] weights) =>
            new() { Predictions = [.. Enumerable.Range(0, files).Select(i => new ArtifactRef($"p{i}.parquet"))], Weights = [.. weights], Data = new ArtifactRef("v.parquet") };

        Problems(Ensemble(2, 0.7, 0.3)).ShouldBeEmpty();
        Problems(Ensemble(2)).ShouldBeEmpty();
        Problems(Ensemble(1, -1)).ShouldBe(["option 'weights': weight 1 of 1 is -1; every weight must be a finite number >= 0."]);
        Problems(Ensemble(2, 0, 0)).ShouldBe(["option 'weights': every weight is 0, and at least one must be more than 0. Remove 'weights' for equal weights."]);
        Problems(Ensemble(2, 1)).ShouldBe(["option 'weights' has 1 weight(s) for 2 prediction file(s). Give one weight per file, in the same order, or none for equal weights."]);

        // At plan time a list of ${stages...} outputs is unknown (the host leaves it empty): the count waits for the run.
        Problems(Ensemble(0, 1, 2, 3)).ShouldBeEmpty();
    }
}
