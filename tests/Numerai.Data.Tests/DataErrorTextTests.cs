using NumeraiPipeline.TestKit;
using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.Numerai.Data.Tests;

/// <summary>
/// The whole message of every NP66xx code (DataErrors), raised by the real readers on real files: the text a user
/// reads after 'error NP66xx:' in a stage failure.
/// </summary>
public sealed class DataErrorTextTests : IDisposable
{
    private const string ColumnFix = "Ids and eras must be text columns; features, targets and predictions numbers, features whole numbers 0..254 (Numerai's are 0..4).";

    private readonly TempWorkspace ws = new();

    public void Dispose() => ws.Dispose();

    [Fact]
    public void NP6601_a_missing_parquet_file()
    {
        var path = ws.File("absent.parquet");

        var ex = Should.Throw<DataSchemaException>(() => NumeraiParquetReader.Open(path));

        ex.Error.ShouldBe(DataErrors.UnreadableFile);
        ex.Code.ShouldBe("NP6601");
        ex.Message.ShouldBe($"Cannot read parquet file '{path}': the file does not exist. Check the path; download the file again if it is damaged or cut short.");
        ex.ExitCode.ShouldBe(2);
    }

    [Fact]
    public void NP6601_a_features_json_that_is_not_one()
    {
        var path = ws.File("features.json");
        File.WriteAllText(path, "[1, 2]");

        var ex = Should.Throw<DataSchemaException>(() => FeatureMetadata.Load(path));

        ex.Code.ShouldBe("NP6601");
        ex.Message.ShouldStartWith($"Cannot read features metadata '{path}': not a Numerai features.json (an object with 'feature_sets' and 'targets'): ");
        ex.Message.ShouldEndWith(". Check the path; download the file again if it is damaged or cut short.");
        ex.Message.ShouldNotContain("..");
    }

    [Fact]
    public async Task NP6602_columns_the_read_needs_with_a_did_you_mean()
    {
        var path = await WriteAsync();
        using var reader = NumeraiParquetReader.Open(path);

        var ex = Should.Throw<DataSchemaException>(() => reader.ReadAll(new ReadSpec { Features = ["feature_alpah", "feature_zzz"] }));

        ex.Code.ShouldBe("NP6602");
        ex.Message.ShouldBe($"'{path}' lacks 2 column(s) the read needs: 'feature_alpah', 'feature_zzz'. The file has 4 columns; check the feature set, target name and dataset version (features.json must match the data file). Did you mean 'feature_alpha' for 'feature_alpah'?");
    }

    [Fact]
    public void NP6603_an_unknown_feature_set_lists_the_known_ones()
    {
        var meta = FeatureMetadata.Load(Samples.Features);

        var ex = Should.Throw<DataSchemaException>(() => meta.Resolve("meduim"));

        ex.Code.ShouldBe("NP6603");
        ex.Message.ShouldBe("Unknown feature set 'meduim'. Known sets: all, medium, small. Did you mean 'medium'?");
    }

    [Fact]
    public async Task NP6604_a_feature_value_outside_a_byte_and_a_text_column_read_as_a_number()
    {
        var path = await WriteAsync();
        using var reader = NumeraiParquetReader.Open(path);

        var range = Should.Throw<DataSchemaException>(() => reader.ReadAll(new ReadSpec { Features = ["feature_beta"] }));
        var text = Should.Throw<DataSchemaException>(() => reader.ReadAll(new ReadSpec { Features = ["era"] }));

        range.Code.ShouldBe("NP6604");
        range.Message.ShouldBe($"Column 'feature_beta' in '{path}' holds 300, outside the whole numbers 0..254 the reader stores a feature in (is it a feature column?). {ColumnFix}");
        text.Code.ShouldBe("NP6604");
        text.Message.ShouldBe($"Column 'era' in '{path}' has type BYTEARRAY String, not a number. {ColumnFix}");
    }

    [Fact]
    public void NP6605_a_value_that_is_not_a_number_names_the_line()
    {
        var path = ws.File("bad.csv");
        File.WriteAllText(path, "id,prediction\nn1,0.5\nn2,abc\n");

        var ex = Should.Throw<DataSchemaException>(() => PredictionsFile.Read(path));

        ex.Code.ShouldBe("NP6605");
        ex.Message.ShouldBe($"Predictions CSV {path}(3): 'abc' is not a number. Write a header 'id,prediction' (or 'id,' and the named column), then one line per id with a number.");
    }

    [Fact]
    public async Task NP6606_an_era_stride_below_one()
    {
        var path = await WriteAsync();
        using var reader = NumeraiParquetReader.Open(path);

        var ex = Should.Throw<DataSchemaException>(() => reader.ReadAll(new ReadSpec { Features = ["feature_alpha"], EraStride = 0 }));

        ex.Code.ShouldBe("NP6606");
        ex.Message.ShouldBe("Invalid read spec: EraStride must be 1 or more (got 0).");
    }

    private async Task<string> WriteAsync()
    {
        var path = ws.File("data.parquet");
        var id = new DataField<string>("id");
        var era = new DataField<string>("era");
        var alpha = new DataField<sbyte>("feature_alpha");
        var beta = new DataField<int>("feature_beta");
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, era, alpha, beta), stream);
        using var rg = writer.CreateRowGroup();
        await rg.WriteAsync(id, new[] { "n1", "n2" });
        await rg.WriteAsync(era, new[] { "0001", "0001" });
        await rg.WriteAsync<sbyte>(alpha, new sbyte[] { 1, 2 });
        await rg.WriteAsync<int>(beta, new[] { 4, 300 });
        return path;
    }
}
