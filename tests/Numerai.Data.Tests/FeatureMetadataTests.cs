namespace NumeraiPipeline.Numerai.Data.Tests;

public sealed class FeatureMetadataTests
{
    [Fact]
    public void Loads_sets_and_targets_of_the_sample()
    {
        var meta = FeatureMetadata.Load(Samples.Features);

        meta.FeatureSets.Keys.ShouldBe(["small", "medium", "all"], ignoreOrder: true);
        meta.Resolve("small").Count.ShouldBe(6);
        meta.Resolve("medium").Count.ShouldBe(16);
        meta.Resolve("all").Count.ShouldBe(24);
        meta.Resolve("medium").Take(6).ShouldBe(meta.Resolve("small"));
        meta.Targets.ShouldContain("target");
        meta.Targets.Count.ShouldBe(3);
    }

    [Fact]
    public void Unknown_set_lists_known_sets_and_suggests()
    {
        var meta = FeatureMetadata.Load(Samples.Features);

        var ex = Should.Throw<DataSchemaException>(() => meta.Resolve("meduim"));

        ex.Code.ShouldBe("NP6603");
        ex.Message.ShouldContain("all, medium, small");
        ex.Message.ShouldContain("Did you mean 'medium'?");
    }

    [Fact]
    public void Missing_or_malformed_file_is_NP6601()
    {
        Should.Throw<DataSchemaException>(() => FeatureMetadata.Load(Path.Combine(Samples.Dir, "nope.json"))).Code.ShouldBe("NP6601");
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{\"targets\": []}");
            Should.Throw<DataSchemaException>(() => FeatureMetadata.Load(path)).Code.ShouldBe("NP6601");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Json_round_trips()
    {
        var meta = FeatureMetadata.Load(Samples.Features);
        var again = FeatureMetadata.Parse(meta.ToJson());
        again.Resolve("all").ShouldBe(meta.Resolve("all"));
        again.Targets.ShouldBe(meta.Targets);
    }
}
