using NumeraiPipeline.Numerai.Data.DuckDb;

namespace NumeraiPipeline.Numerai.Data.Tests;

/// <summary>Arrow C++ (ParquetSharp), Parquet.Net and DuckDB read every layout and file shape to the same bits.</summary>
[Collection(LayoutCollection.Name)]
public sealed class EngineAgreementTests(Layouts layouts)
{
    public static TheoryData<string, string> Reads()
    {
        var data = new TheoryData<string, string>();
        foreach (var layout in new[] { "parquetnet", "pyarrow-small-groups", "pyarrow-cut-groups", "pyarrow-one-group", "duckdb-one-page" })
        {
            foreach (var read in new[] { "train", "train-filtered", "validation", "live" })
            {
                data.Add(layout, read);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Reads))]
    public void Every_engine_reads_every_layout_the_same(string layout, string read)
    {
        var (file, spec) = Spec(layout, read);
        var arrow = ReadAll(NumeraiParquetReader.Open(file, ParquetEngine.Arrow), spec);
        var parquetNet = ReadAll(NumeraiParquetReader.Open(file, ParquetEngine.ParquetNet), spec);
        var duckDb = ReadAll(DuckDbReader.Open(file, threads: 2), spec);

        arrow.RowCount.ShouldBeGreaterThan(0);
        AssertSame(arrow, parquetNet);
        AssertSame(arrow, duckDb);
    }

    [Theory]
    [MemberData(nameof(Layouts.Names), MemberType = typeof(Layouts))]
    public void Every_layout_holds_the_same_data(string layout)
    {
        // The pyarrow and DuckDB files carry the same values as Parquet.Net's (nulls where Parquet.Net wrote NaN)
        var (file, spec) = Spec(layout, "validation");
        var (reference, _) = Spec("parquetnet", "validation");
        using var a = NumeraiParquetReader.Open(file);
        using var b = NumeraiParquetReader.Open(reference);
        AssertSame(a.ReadAll(spec), b.ReadAll(spec));
    }

    [Theory]
    [InlineData("train.parquet")]
    [InlineData("validation.parquet")]
    [InlineData("live.parquet")]
    public void Every_engine_reads_the_format_sample_the_same(string name)
    {
        var file = Path.Combine(Samples.Dir, name);
        var meta = FeatureMetadata.Load(Samples.Features);
        var spec = new ReadSpec { Features = meta.Resolve("all"), Target = "target", ExtraFloatColumns = meta.Targets.Skip(1).ToList() };
        var arrow = ReadAll(NumeraiParquetReader.Open(file, ParquetEngine.Arrow), spec);
        AssertSame(arrow, ReadAll(NumeraiParquetReader.Open(file, ParquetEngine.ParquetNet), spec));
        AssertSame(arrow, ReadAll(DuckDbReader.Open(file, threads: 1), spec));
    }

    [Theory]
    [MemberData(nameof(Layouts.Names), MemberType = typeof(Layouts))]
    public void Strips_put_back_together_are_the_whole_rows(string layout)
    {
        var (file, spec) = Spec(layout, "train-filtered");
        using var reader = NumeraiParquetReader.Open(file);
        var whole = reader.ReadAll(spec);
        var width = spec.Features.Count;
        var rebuilt = new byte[whole.Features.Length];
        var strips = 0;
        foreach (var block in reader.ReadBlocks(spec with { FeatureStripBytes = 1 << 12, MaxRowsPerBlock = 700 }))
        {
            block.FeatureCount.ShouldBeLessThan(width);
            strips += block.FeatureOffset > 0 ? 1 : 0;
            for (var r = 0; r < block.RowCount; r++)
            {
                block.GetRow(r).CopyTo(rebuilt.AsSpan((int)(((block.FirstRow + r) * width) + block.FeatureOffset), block.FeatureCount));
            }
        }

        strips.ShouldBeGreaterThan(0);
        rebuilt.ShouldBe(whole.Features);
    }

    [Theory]
    [MemberData(nameof(Layouts.Names), MemberType = typeof(Layouts))]
    public void Read_rows_picks_the_rows_a_full_read_keeps(string layout)
    {
        var (file, spec) = Spec(layout, "train-filtered");
        using var reader = NumeraiParquetReader.Open(file);
        var whole = reader.ReadAll(spec);
        var picked = Enumerable.Range(0, whole.RowCount).Where(r => r % 97 == 3 || r == whole.RowCount - 1).Select(r => (long)r).ToArray();

        var rows = reader.ReadRows(spec, picked);

        rows.RowCount.ShouldBe(picked.Length);
        for (var k = 0; k < picked.Length; k++)
        {
            rows.GetRow(k).ToArray().ShouldBe(whole.GetRow((int)picked[k]).ToArray());
        }

        Should.Throw<ArgumentException>(() => reader.ReadRows(spec, [whole.RowCount]));
        Should.Throw<ArgumentException>(() => reader.ReadRows(spec, [5, 4]));
    }

    internal static void AssertSame(DataBlock a, DataBlock b)
    {
        a.RowCount.ShouldBe(b.RowCount);
        a.FeatureCount.ShouldBe(b.FeatureCount);
        a.Features.ShouldBe(b.Features);
        a.Ids.ShouldBe(b.Ids);
        a.Eras.ShouldBe(b.Eras);
        (a.Target is null).ShouldBe(b.Target is null);
        if (a.Target is not null)
        {
            a.Target.Select(BitConverter.SingleToInt32Bits).ShouldBe(b.Target!.Select(BitConverter.SingleToInt32Bits));
        }

        a.Extras.Keys.Order().ShouldBe(b.Extras.Keys.Order());
        foreach (var (name, values) in a.Extras)
        {
            values.Select(BitConverter.SingleToInt32Bits).ShouldBe(b.Extras[name].Select(BitConverter.SingleToInt32Bits), name);
        }
    }

    private static DataBlock ReadAll(NumeraiParquetReader reader, ReadSpec spec)
    {
        using (reader)
        {
            return reader.ReadAll(spec);
        }
    }

    private (string File, ReadSpec Spec) Spec(string layout, string read)
    {
        var meta = FeatureMetadata.Load(layouts.File(layout, "features.json"));
        var all = meta.Resolve("all");
        var aux = meta.Targets.Skip(1).ToList();
        return read switch
        {
            "train" => (layouts.File(layout, "train.parquet"), new ReadSpec { Features = all, Target = "target", ExtraFloatColumns = aux }),
            "train-filtered" => (layouts.File(layout, "train.parquet"),
                new ReadSpec { Features = meta.Resolve("medium").Reverse().ToList(), Target = "target", EraStride = 3, DropMissingTarget = true, IncludeIds = false }),
            "validation" => (layouts.File(layout, "validation.parquet"), new ReadSpec { Features = all, Target = "target", ExtraFloatColumns = aux, DataType = "validation" }),
            _ => (layouts.File(layout, "live.parquet"), new ReadSpec { Features = meta.Resolve("small"), Target = "target" }),
        };
    }
}
