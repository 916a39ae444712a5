using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Numerai.Data.Tests;

public sealed class PredictionsFileTests
{
    private static readonly string[] Ids = ["n000000000000001", "n000000000000002", "n000000000000003"];
    private static readonly double[] Values = [0.1, 1.0 / 3.0, 0.99999999999999989];

    [Theory]
    [InlineData("p.csv")]
    [InlineData("p.parquet")]
    public void Round_trips_exactly(string name)
    {
        using var ws = new TempWorkspace();
        var path = ws.File(name);

        PredictionsFile.Write(path, Ids, Values);
        var read = PredictionsFile.Read(path);

        read.Ids.ShouldBe(Ids);
        read.Values.ShouldBe(Values);
    }

    [Fact]
    public void Csv_has_the_submission_header_and_round_trip_numbers()
    {
        using var ws = new TempWorkspace();
        var path = ws.File("s.csv");
        PredictionsFile.WriteCsv(path, Ids, Values);

        var lines = File.ReadAllLines(path);
        lines[0].ShouldBe("id,prediction");
        lines[2].ShouldBe("n000000000000002,0.3333333333333333");
        lines.Length.ShouldBe(4);
    }

    [Fact]
    public void Parquet_with_other_column_name_and_float_values_is_read()
    {
        using var ws = new TempWorkspace();
        var path = ws.File("m.parquet");
        PredictionsFile.WriteParquet(path, Ids, [0.5, 0.25, 0.75], "numerai_meta_model");

        var read = PredictionsFile.Read(path);
        read.Values.ShouldBe([0.5, 0.25, 0.75]);
        using var reader = NumeraiParquetReader.Open(path);
        reader.IdColumn.ShouldBe("id");
    }

    [Fact]
    public void Malformed_csv_is_NP6605_with_line()
    {
        using var ws = new TempWorkspace();
        var path = ws.File("bad.csv");
        File.WriteAllText(path, "id,prediction\nn1,0.5\nn2,abc\n");
        var ex = Should.Throw<DataSchemaException>(() => PredictionsFile.Read(path));
        ex.Code.ShouldBe("NP6605");
        ex.Message.ShouldContain("(3)");

        File.WriteAllText(path, "ticker,signal\nn1,0.5\n");
        Should.Throw<DataSchemaException>(() => PredictionsFile.Read(path)).Code.ShouldBe("NP6605");
    }
}
