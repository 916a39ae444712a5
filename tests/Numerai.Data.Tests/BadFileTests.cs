using NumeraiPipeline.Numerai.Data.DuckDb;
using NumeraiPipeline.TestKit;
using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.Numerai.Data.Tests;

/// <summary>Bad files keep their coded errors whichever engine reads them.</summary>
[Collection(LayoutCollection.Name)]
public sealed class BadFileTests(Layouts layouts)
{
    public static TheoryData<string> Engines => new("arrow", "parquetnet", "duckdb");

    [Theory]
    [MemberData(nameof(Engines))]
    public void Missing_not_parquet_and_cut_short_files_are_NP6601(string engine)
    {
        using var ws = new TempWorkspace();
        Should.Throw<DataSchemaException>(() => Open(engine, ws.File("absent.parquet"))).Code.ShouldBe("NP6601");
        Should.Throw<DataSchemaException>(() => Open(engine, Samples.Features)).Code.ShouldBe("NP6601");

        var whole = File.ReadAllBytes(layouts.File("pyarrow-cut-groups", "live.parquet"));
        var cut = ws.File("cut.parquet");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
        Should.Throw<DataSchemaException>(() => Open(engine, cut)).Code.ShouldBe("NP6601");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Damaged_pages_are_NP6601_not_a_crash(string engine)
    {
        using var ws = new TempWorkspace();
        var bytes = File.ReadAllBytes(layouts.File("duckdb-one-page", "live.parquet"));
        var damaged = ws.File("damaged.parquet");

        // overwrite the middle of the data with noise, leaving the footer intact
        var random = new Random(5);
        for (var i = bytes.Length / 4; i < bytes.Length / 2; i++)
        {
            bytes[i] = (byte)random.Next(256);
        }

        File.WriteAllBytes(damaged, bytes);
        var meta = FeatureMetadata.Load(layouts.File("duckdb-one-page", "features.json"));
        var ex = Should.Throw<DataSchemaException>(() =>
        {
            using var reader = Open(engine, damaged);
            reader.ReadAll(new ReadSpec { Features = meta.Resolve("all"), Target = "target" });
        });
        ex.Code.ShouldBeOneOf("NP6601", "NP6604");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Out_of_range_and_non_numeric_features_are_NP6604(string engine)
    {
        using var ws = new TempWorkspace();
        var path = ws.File("bad.parquet");
        var id = new DataField<string>("id");
        var negative = new DataField<sbyte>("feature_neg");
        var large = new DataField<int?>("feature_large");
        var fraction = new DataField<double>("feature_fraction");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, negative, large, fraction), stream))
        {
            using var rg = writer.CreateRowGroup();
            await rg.WriteAsync(id, new[] { "a", "b" });
            await rg.WriteAsync<sbyte>(negative, new sbyte[] { 1, -3 });
            await rg.WriteAsync<int>(large, new int?[] { 300, null }.AsMemory());
            await rg.WriteAsync<double>(fraction, new[] { 1.0, 2.5 });
        }

        using var reader = Open(engine, path);
        Should.Throw<DataSchemaException>(() => reader.ReadAll(new ReadSpec { Features = ["id"] })).Code.ShouldBe("NP6604");
        var ex = Should.Throw<DataSchemaException>(() => reader.ReadAll(new ReadSpec { Features = ["feature_neg"] }));
        ex.Code.ShouldBe("NP6604");
        ex.Message.ShouldContain("holds -3");
        Should.Throw<DataSchemaException>(() => reader.ReadAll(new ReadSpec { Features = ["feature_large"] })).Message.ShouldContain("holds 300");
        Should.Throw<DataSchemaException>(() => reader.ReadAll(new ReadSpec { Features = ["feature_fraction"] })).Message.ShouldContain("holds 2.5");
        Should.Throw<DataSchemaException>(() => reader.ReadAll(new ReadSpec { Features = ["feature_nope"] })).Code.ShouldBe("NP6602");
    }

    private static NumeraiParquetReader Open(string engine, string path) => engine switch
    {
        "arrow" => NumeraiParquetReader.Open(path, ParquetEngine.Arrow),
        "parquetnet" => NumeraiParquetReader.Open(path, ParquetEngine.ParquetNet),
        _ => DuckDbReader.Open(path, threads: 1),
    };
}
