using ParquetSharp;

namespace NumeraiPipeline.Numerai.Data.Tests;

/// <summary>The synthetic writer's layouts are those of Numerai's files: pyarrow's encoding, its row groups, its pages.</summary>
[Collection(LayoutCollection.Name)]
public sealed class LayoutTests(Layouts layouts)
{
    [Fact]
    public void Pyarrow_layout_matches_the_format_sample_field_by_field()
    {
        using var ours = new ParquetFileReader(layouts.File("pyarrow-cut-groups", "validation.parquet"));
        using var sample = new ParquetFileReader(Samples.Validation);
        var a = ours.FileMetaData;
        var b = sample.FileMetaData;

        // the same columns in the same order and shape: id, era, data_type, int8 features, float targets
        Describe(a, 0).ShouldBe(Describe(b, 0));
        Describe(a, 0).ShouldBe("id: ByteArray String Optional");
        Describe(a, 1).ShouldBe(Describe(b, 1));
        Describe(a, 2).ShouldBe(Describe(b, 2));
        Describe(a, 3).ShouldBe(Describe(b, 3).Replace(b.Schema.Column(3).Name, a.Schema.Column(3).Name, StringComparison.Ordinal));
        Describe(a, 3).ShouldEndWith(": Int32 Int(bitWidth=8, isSigned=true) Optional");
        Describe(a, a.NumColumns - 1).ShouldEndWith(": Float None Optional");
        Describe(b, b.NumColumns - 1).ShouldEndWith(": Float None Optional");

        // both dictionary-encode the features and compress with snappy
        using var rowGroup = ours.RowGroup(0);
        using var sampleGroup = sample.RowGroup(0);
        for (var c = 1; c < a.NumColumns; c++)
        {
            var chunk = rowGroup.MetaData.GetColumnChunkMetaData(c);
            chunk.Compression.ShouldBe(Compression.Snappy);
            chunk.Encodings.ShouldContain(Encoding.RleDictionary);
        }

        sampleGroup.MetaData.GetColumnChunkMetaData(3).Compression.ShouldBe(Compression.Snappy);
        sampleGroup.MetaData.GetColumnChunkMetaData(3).Encodings.ShouldContain(Encoding.PlainDictionary);

        // pandas names id as the index in both; ours also stores the Arrow schema and says who wrote it, as pyarrow's files do
        PandasIndex(a).ShouldBe(["id"]);
        PandasIndex(b).ShouldBe(["id"]);
        a.KeyValueMetadata.Keys.ShouldContain("ARROW:schema");
        a.KeyValueMetadata["pandas"].ShouldContain("\"creator\":{\"library\":\"pyarrow\"");
        a.CreatedBy.ShouldStartWith("parquet-cpp-arrow version");
        a.Version.ShouldBe(ParquetVersion.PARQUET_2_6);

        // unlabelled targets are nulls, as pandas' NaN becomes null in pyarrow and in the sample
        using var reader = NumeraiParquetReader.Open(layouts.File("pyarrow-cut-groups", "validation.parquet"));
        reader.ReadNumberColumn("target").Count(double.IsNaN).ShouldBe(2 * 400);
    }

    [Fact]
    public void Pyarrow_row_groups_are_exact_cuts_even_across_eras()
    {
        using var cut = NumeraiParquetReader.Open(layouts.File("pyarrow-cut-groups", "train.parquet"));
        Enumerable.Range(0, cut.RowGroupCount).Select(cut.GetRowGroupRowCount).ShouldBe([13_107, 13_107, 13_107, 48_000 - (3 * 13_107)]);

        using var one = NumeraiParquetReader.Open(layouts.File("pyarrow-one-group", "train.parquet"));
        one.RowGroupCount.ShouldBe(1);

        using var net = NumeraiParquetReader.Open(layouts.File("parquetnet", "train.parquet"));
        Enumerable.Range(0, net.RowGroupCount).Select(net.GetRowGroupRowCount).ShouldAllBe(rows => rows == 4000);
    }

    [Fact]
    public void Pages_hold_20000_rows_as_pyarrow_22_writes_and_one_page_per_chunk_as_older_pyarrow()
    {
        var feature = 3;
        var pyarrow = PageHeaders.Read(layouts.File("pyarrow-one-group", "train.parquet"), 0, feature);
        pyarrow[0].Type.ShouldBe(2); // dictionary page first
        pyarrow.Skip(1).Select(p => p.Values).ShouldBe([20_000, 20_000, 8_000]);
        pyarrow.Skip(1).ShouldAllBe(p => p.Type == 0 && p.Encoding == (int)Encoding.RleDictionary);

        var older = PageHeaders.Read(layouts.File("duckdb-one-page", "train.parquet"), 0, feature);
        older.Select(p => (p.Type, p.Values)).ShouldBe([(2, 5), (0, 48_000)]);
        older[1].Encoding.ShouldBe((int)Encoding.PlainDictionary);

        var net = PageHeaders.Read(layouts.File("parquetnet", "train.parquet"), 0, feature);
        net.Select(p => (p.Type, p.Values, p.Encoding)).ShouldBe([(0, 4000, (int)Encoding.Plain)]);
    }

    private static string Describe(FileMetaData metadata, int column)
    {
        var c = metadata.Schema.Column(column);
        using var logical = c.LogicalType;
        return $"{c.Name}: {c.PhysicalType} {logical} {c.SchemaNode.Repetition}";
    }

    private static string[] PandasIndex(FileMetaData metadata)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(metadata.KeyValueMetadata["pandas"]);
        return doc.RootElement.GetProperty("index_columns").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }
}
