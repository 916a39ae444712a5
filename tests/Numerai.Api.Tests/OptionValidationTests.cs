using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Plugins.Numerai.Download;

namespace NumeraiPipeline.Numerai.Api.Tests;

/// <summary>numerai.download's and numerai.round's plan-time checks (what `validate` reports).</summary>
public sealed class OptionValidationTests
{
    private static List<string> Problems(IValidatableObject options) =>
        options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage!).ToList();

    [Fact]
    public void Defaults_and_the_shipped_pipelines_values_are_fine()
    {
        Problems(new DownloadOptions()).ShouldBeEmpty();
        Problems(new DownloadOptions { Version = "v5.2", Files = ["train.parquet", "meta_model.parquet", "validation_benchmark_models.parquet"], ApiUrl = "http://127.0.0.1:5000/" }).ShouldBeEmpty();
        Problems(new RoundOptions()).ShouldBeEmpty();
        Problems(new RoundOptions { MaxWait = "90m", PollInterval = "00:05:00", MinTimeLeft = "300", ApiUrl = "" }).ShouldBeEmpty();
    }

    [Fact]
    public void File_names_are_checked_against_the_names_Numerai_uses()
    {
        Problems(new DownloadOptions { Files = ["trian.parquet"] }).ShouldBe(
            ["option 'files': 'trian.parquet' is not a Numerai dataset file this stage knows (known: train.parquet, validation.parquet, live.parquet, features.json, meta_model.parquet, train_benchmark_models.parquet, validation_benchmark_models.parquet, live_benchmark_models.parquet, validation_example_preds.parquet, live_example_preds.parquet). Did you mean 'train.parquet'?"]);
        Problems(new DownloadOptions { Files = ["features.json", "features.json"] }).ShouldBe(["option 'files' lists 'features.json' twice. Keep one."]);
    }

    [Theory]
    [InlineData("5.2", " Did you mean 'v5.2'?")]
    [InlineData("V5.1", " Did you mean 'v5.1'?")]
    [InlineData("newest", "")]
    public void A_version_is_latest_or_a_Numerai_version_name(string version, string hint)
    {
        Problems(new DownloadOptions { Version = version }).ShouldBe(
            [$"option 'version': '{version}' is not a Numerai dataset version: write it as Numerai names them (v5.0, v5.1, v5.2, ...) or 'latest'.{hint}"]);
    }

    [Theory]
    [InlineData("soon", "")]
    [InlineData("2 hours", " Did you mean '2h'?")]
    [InlineData("90 min", " Did you mean '90m'?")]
    [InlineData("-5m", "")]
    [InlineData("1e400", "")]
    public void A_duration_in_another_form_is_an_error_naming_the_forms(string text, string hint)
    {
        Problems(new RoundOptions { MaxWait = text }).ShouldBe(
            [$"option 'max_wait': '{text}' is not a duration. Write it as 90m, 2h, 45s, 1d, a number of seconds or hh:mm:ss.{hint}"]);
    }

    [Fact]
    public void Polling_needs_an_interval_and_endpoints_are_http_urls()
    {
        Problems(new RoundOptions { PollInterval = "0" }).ShouldBe(["option 'poll_interval' must be more than 0 (e.g. 60s)."]);
        Problems(new RoundOptions { ApiUrl = "ftp://api.example.com/graphql" }).ShouldBe(
            ["option 'api_url': 'ftp://api.example.com/graphql' is not an http(s) URL. Set it to e.g. https://api-tournament.numer.ai, or leave it empty for NUMERAI_API_URL. Did you mean 'https://api.example.com/graphql'?"]);
    }
}
