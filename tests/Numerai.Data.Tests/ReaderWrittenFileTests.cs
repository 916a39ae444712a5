using NumeraiPipeline.TestKit;
using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.Numerai.Data.Tests;

/// <summary>Reads files Parquet.Net writes: several row groups, nulls in features and targets, other numeric types.</summary>
public sealed class ReaderWrittenFileTests
{
    [Fact]
    public async Task Nulls_become_255_and_NaN_across_row_groups()
    {
        using var ws = new TempWorkspace();
        var path = ws.File("d.parquet");
        var id = new DataField<string>("id");
        var era = new DataField<string>("era");
        var f1 = new DataField<sbyte?>("feature_a");
        var f2 = new DataField<int?>("feature_b");
        var f3 = new DataField<double>("feature_c");
        var target = new DataField<float?>("target");
        var pred = new DataField<double?>("numerai_meta_model");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, era, f1, f2, f3, target, pred), stream))
        {
            for (var g = 0; g < 3; g++)
            {
                using var rg = writer.CreateRowGroup();
                await rg.WriteAsync(id, new[] { $"n{g}a", $"n{g}b", $"n{g}c" });
                await rg.WriteAsync(era, new[] { $"000{g + 1}", $"000{g + 1}", $"000{g + 1}" });
                await rg.WriteAsync<sbyte>(f1, new sbyte?[] { 0, null, (sbyte)g }.AsMemory());
                await rg.WriteAsync<int>(f2, new int?[] { null, 4, 3 }.AsMemory());
                await rg.WriteAsync<double>(f3, new double[] { 1, 2, g });
                await rg.WriteAsync<float>(target, new float?[] { 0.5f, null, float.NaN }.AsMemory());
                await rg.WriteAsync<double>(pred, new double?[] { 0.25, 0.75, null }.AsMemory());
            }
        }

        using var reader = NumeraiParquetReader.Open(path);
        reader.RowGroupCount.ShouldBe(3);
        var blocks = reader.ReadBlocks(new ReadSpec
        {
            Features = ["feature_c", "feature_a", "feature_b"],
            Target = "target",
            ExtraFloatColumns = ["numerai_meta_model"],
        }).ToList();

        blocks.Count.ShouldBe(3);
        var b = blocks[2];
        b.Ids.ShouldBe(["n2a", "n2b", "n2c"]);
        b.Eras.ShouldBe(["0003", "0003", "0003"]);
        b.GetRow(0).ToArray().ShouldBe(new byte[] { 1, 0, 255 });
        b.GetRow(1).ToArray().ShouldBe(new byte[] { 2, 255, 4 });
        b.GetRow(2).ToArray().ShouldBe(new byte[] { 2, 2, 3 });
        b.Target![0].ShouldBe(0.5f);
        float.IsNaN(b.Target[1]).ShouldBeTrue();
        float.IsNaN(b.Target[2]).ShouldBeTrue();
        b.Extras["numerai_meta_model"][1].ShouldBe(0.75f);
        float.IsNaN(b.Extras["numerai_meta_model"][2]).ShouldBeTrue();

        var kept = reader.ReadAll(new ReadSpec { Features = ["feature_a"], Target = "target", DropMissingTarget = true, IncludeIds = false });
        kept.RowCount.ShouldBe(3);
        kept.Ids.ShouldBeEmpty();
        kept.Eras.ShouldBe(["0001", "0002", "0003"]);

        reader.ReadNumberColumn("numerai_meta_model")[4].ShouldBe(0.75);
        reader.ReadStringColumn("id").Length.ShouldBe(9);
    }

    [Fact]
    public async Task Max_rows_per_block_splits_a_row_group_and_keeps_order()
    {
        using var ws = new TempWorkspace();
        var path = ws.File("big.parquet");
        var id = new DataField<string>("id");
        var f = new DataField<sbyte?>("feature_x");
        var g2 = new DataField<sbyte?>("feature_y");
        const int Rows = 1000;
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, f, g2), stream))
        {
            using var rg = writer.CreateRowGroup();
            await rg.WriteAsync(id, Enumerable.Range(0, Rows).Select(i => $"n{i:x15}").ToArray());
            await rg.WriteAsync<sbyte>(f, Enumerable.Range(0, Rows).Select(i => (sbyte?)(i % 5)).ToArray().AsMemory());
            await rg.WriteAsync<sbyte>(g2, Enumerable.Range(0, Rows).Select(i => i % 7 == 0 ? null : (sbyte?)((i / 5) % 5)).ToArray().AsMemory());
        }

        using var reader = NumeraiParquetReader.Open(path);
        var blocks = reader.ReadBlocks(new ReadSpec { Features = ["feature_x", "feature_y"], MaxRowsPerBlock = 300 }).ToList();

        blocks.Select(b => b.RowCount).ShouldBe([300, 300, 300, 100]);
        var all = DataBlocks.Concat(blocks, new ReadSpec { Features = ["feature_x", "feature_y"] });
        for (var i = 0; i < Rows; i++)
        {
            all.Ids[i].ShouldBe($"n{i:x15}");
            all.GetFeature(i, 0).ShouldBe((byte)(i % 5));
            all.GetFeature(i, 1).ShouldBe(i % 7 == 0 ? (byte)255 : (byte)((i / 5) % 5));
        }
    }

    [Fact]
    public async Task Non_numeric_feature_and_out_of_range_values_are_NP6604()
    {
        using var ws = new TempWorkspace();
        var path = ws.File("bad.parquet");
        var id = new DataField<string>("id");
        var f = new DataField<sbyte>("feature_neg");
        await using (var stream = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, f), stream))
        {
            using var rg = writer.CreateRowGroup();
            await rg.WriteAsync(id, new[] { "a", "b" });
            await rg.WriteAsync<sbyte>(f, new sbyte[] { 1, -3 });
        }

        using var reader = NumeraiParquetReader.Open(path);
        Should.Throw<DataSchemaException>(() => reader.ReadAll(new ReadSpec { Features = ["id"] })).Code.ShouldBe("NP6604");
        var ex = Should.Throw<DataSchemaException>(() => reader.ReadAll(new ReadSpec { Features = ["feature_neg"] }));
        ex.Code.ShouldBe("NP6604");
        ex.Message.ShouldContain("-3");
    }
}
