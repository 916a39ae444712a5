namespace NumeraiPipeline.Numerai.Api.Tests;

public sealed class SubmissionRulesTests
{
    private static readonly HashSet<string> Live = ["a", "b", "c"];

    private static string? Check(string csv, IReadOnlySet<string>? live = null)
    {
        var (table, error) = SubmissionCsv.Parse(csv);
        return error ?? SubmissionRules.Validate(table!, live ?? Live);
    }

    [Fact]
    public void Valid_file_passes() => Check("id,prediction\na,0.1\nb,0.5\nc,0.9\n").ShouldBeNull();

    [Theory]
    [InlineData("1.000005", null)]
    [InlineData("1.0001", SubmissionRules.Range)]
    [InlineData("-0.000000001", null)]
    [InlineData("-0.0001", SubmissionRules.Range)]
    [InlineData("1e-05", null)]
    [InlineData("inf", SubmissionRules.Range)]
    [InlineData("NA", SubmissionRules.NanValues)]
    [InlineData("null", SubmissionRules.NanValues)]
    [InlineData("high", SubmissionRules.NonNumeric)]
    public void Value_rules_follow_pandas_and_numpy(string value, string? expected) =>
        Check($"id,prediction\na,0.2\nb,{value}\nc,0.7\n").ShouldBe(expected);

    [Fact]
    public void Ids_are_checked_before_values() =>
        Check("id,prediction\na,5\nb,0.5\n").ShouldBe(SubmissionRules.MissingIds);

    [Fact]
    public void Empty_id_is_a_nan_id_even_outside_the_live_ids() =>
        Check("id,prediction\na,0.1\nb,0.5\nc,0.9\n\"\",0.3\n").ShouldBe(SubmissionRules.NanIds);

    [Fact]
    public void A_single_row_has_no_standard_deviation_to_check() =>
        Check("id,prediction\na,0.5\n", new HashSet<string> { "a" }).ShouldBeNull();

    [Fact]
    public void Too_many_fields_is_a_tokenizing_error() =>
        Check("id,prediction\na,0.1,3\n").ShouldBe("Error tokenizing data. Expected 2 fields in line 2, saw 3");

    [Fact]
    public void Without_live_ids_values_of_every_row_are_checked()
    {
        var (table, _) = SubmissionCsv.Parse("id,prediction\nx,0.1\ny,0.1\n");
        SubmissionRules.Validate(table!, null).ShouldBe(SubmissionRules.ZeroStd);
    }
}
