using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.Numerai.Data.Tests;

/// <summary>Reads the foreign (pyarrow-like) sample files: nullable dictionary-encoded INT(8) features, string ids.</summary>
public sealed class ReaderSampleTests
{
    private static readonly FeatureMetadata Meta = FeatureMetadata.Load(Samples.Features);

    [Fact]
    public void Schema_info()
    {
        using var reader = NumeraiParquetReader.Open(Samples.Validation);

        reader.RowCount.ShouldBe(1200);
        reader.RowGroupCount.ShouldBeGreaterThanOrEqualTo(1);
        reader.IdColumn.ShouldBe("id");
        reader.HasColumn("era").ShouldBeTrue();
        reader.HasColumn("feature_nope").ShouldBeFalse();
        reader.Columns.ShouldContain("target");
        reader.ReadDistinctEras().ShouldBe(Enumerable.Range(21, 10).Select(e => e.ToString("0000")).ToArray());
    }

    [Fact]
    public void Features_match_an_independent_read_through_the_nullable_api()
    {
        var features = Meta.Resolve("all");
        using var reader = NumeraiParquetReader.Open(Samples.Validation);
        var block = reader.ReadAll(new ReadSpec { Features = features, Target = "target" });

        block.RowCount.ShouldBe(1200);
        block.FeatureCount.ShouldBe(24);
        var expected = ReadNullableFeatureColumnsIndependently(Samples.Validation, features);
        for (var j = 0; j < features.Count; j++)
        {
            for (var r = 0; r < block.RowCount; r++)
            {
                var e = expected[j][r];
                block.GetFeature(r, j).ShouldBe(e.HasValue ? (byte)e.Value : DataBlock.MissingFeature);
            }
        }

        block.Features.ShouldAllBe(v => v <= 4);
        block.Ids.ShouldAllBe(id => id.Length == 16 && id[0] == 'n');
        block.Ids.Distinct().Count().ShouldBe(1200);
        block.Target!.Count(float.IsNaN).ShouldBe(240);
        block.Target!.Where(t => !float.IsNaN(t)).ShouldAllBe(t => t == 0f || t == 0.25f || t == 0.5f || t == 0.75f || t == 1f);
    }

    [Fact]
    public void Drop_missing_target_and_extras()
    {
        var meta = Meta;
        var aux = meta.Targets.First(t => t != "target");
        using var reader = NumeraiParquetReader.Open(Samples.Validation);
        var block = reader.ReadAll(new ReadSpec
        {
            Features = meta.Resolve("small"),
            Target = "target",
            ExtraFloatColumns = [aux],
            DropMissingTarget = true,
        });

        block.RowCount.ShouldBe(960);
        block.Target!.ShouldAllBe(t => !float.IsNaN(t));
        block.Extras[aux].Length.ShouldBe(960);
        block.Eras.Distinct().Count().ShouldBe(8);
    }

    [Fact]
    public void Era_stride_keeps_every_kth_era_from_the_first()
    {
        using var reader = NumeraiParquetReader.Open(Samples.Train);
        var block = reader.ReadAll(new ReadSpec { Features = Meta.Resolve("small"), Target = "target", EraStride = 4 });

        block.Eras.Distinct().Order(StringComparer.Ordinal).ShouldBe(["0001", "0005", "0009", "0013", "0017"]);
        block.RowCount.ShouldBe(2400 / 20 * 5);
    }

    [Fact]
    public void Data_type_filter()
    {
        using var reader = NumeraiParquetReader.Open(Samples.Validation);
        var all = reader.ReadStringColumn("data_type");
        var block = reader.ReadAll(new ReadSpec { Target = "target", DataType = "validation" });

        block.RowCount.ShouldBe(all.Count(t => t == "validation"));
        block.RowCount.ShouldBeGreaterThan(0);
        block.FeatureCount.ShouldBe(0);
    }

    [Fact]
    public void Live_has_era_X_and_no_targets()
    {
        using var reader = NumeraiParquetReader.Open(Samples.Live);
        var block = reader.ReadAll(new ReadSpec { Features = Meta.Resolve("medium"), Target = "target" });

        block.RowCount.ShouldBe(300);
        block.Eras.ShouldAllBe(e => e == "X");
        block.Target!.ShouldAllBe(t => float.IsNaN(t));
    }

    [Fact]
    public void Missing_columns_are_listed_with_a_suggestion()
    {
        using var reader = NumeraiParquetReader.Open(Samples.Validation);
        var features = Meta.Resolve("small").ToList();
        var typo = features[0][..^1] + "x";
        features[0] = typo;

        var ex = Should.Throw<DataSchemaException>(() => reader.ReadBlocks(new ReadSpec { Features = features, Target = "target_nope" }).ToList());

        ex.Code.ShouldBe("NP6602");
        ex.Message.ShouldContain(typo);
        ex.Message.ShouldContain("'target_nope'");
        ex.Message.ShouldContain($"Did you mean '{Meta.Resolve("small")[0]}' for '{typo}'");
        ex.Message.ShouldContain(Path.GetFileName(Samples.Validation));
    }

    [Fact]
    public void Not_a_parquet_file_is_NP6601()
    {
        Should.Throw<DataSchemaException>(() => NumeraiParquetReader.Open(Samples.Features)).Code.ShouldBe("NP6601");
        Should.Throw<DataSchemaException>(() => NumeraiParquetReader.Open(Path.Combine(Samples.Dir, "absent.parquet"))).Code.ShouldBe("NP6601");
    }

    internal static List<sbyte?[]> ReadNullableFeatureColumnsIndependently(string path, IReadOnlyList<string> features)
    {
        return ReadAsync().GetAwaiter().GetResult();

        async Task<List<sbyte?[]>> ReadAsync()
        {
        await using var reader = await ParquetReader.CreateAsync(path);
        var result = new List<sbyte?[]>();
        foreach (var name in features)
        {
            var field = reader.Schema.DataFields.Single(f => f.Name == name);
            var values = new List<sbyte?>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var rg = reader.OpenRowGroupReader(g);
                var buffer = new sbyte?[rg.RowCount];
                await rg.ReadAsync<sbyte>(field, buffer.AsMemory(), null);
                values.AddRange(buffer);
            }

            result.Add(values.ToArray());
        }

        return result;
        }
    }
}
