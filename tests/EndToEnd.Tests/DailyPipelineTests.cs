using System.Text.Json;
using NumeraiPipeline.Numerai.Sandbox;
using NumeraiPipeline.Orchestrator.Cli;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>
/// pipelines/numerai-daily.yaml, configured only from the environment as a user or the cloud job does, against a
/// sandbox server on loopback standing in for api-tournament.numer.ai.
/// </summary>
public sealed class DailyPipelineTests : IAsyncLifetime
{
    private readonly TempWorkspace temp = new("np-daily-");
    private SandboxServer? sandbox;

    public async Task InitializeAsync() =>
        sandbox = await SandboxServer.StartAsync(new SandboxOptions { Rows = 6000, Features = 40, Eras = 40, Seed = 11, CacheDirectory = Path.Combine(temp.Path, "cache") });

    public async Task DisposeAsync()
    {
        await sandbox!.DisposeAsync();
        temp.Dispose();
    }

    [Fact]
    public async Task The_daily_pipeline_submits_once_per_round_from_environment_configuration()
    {
        Environment.SetEnvironmentVariable("NUMERAI_API_URL", sandbox!.Url.ToString());
        Environment.SetEnvironmentVariable("NUMERAI_MODEL", SandboxServer.DemoModel);
        try
        {
            string[] args =
            [
                "run", "numerai-daily", "--json",
                "--plugins", Path.Combine(DemoPipelineTests.Root(), "artifacts", "plugins"),
                "--workspace", Path.Combine(temp.Path, "ws"),
                "--set", "stages.train.with.params.n_estimators=20",
                "--set", "stages.train.with.era_stride=2",
            ];
            var first = await Run(args);
            var second = await Run(args);

            first.Code.ShouldBe(0, first.Error);
            var stages = JsonDocument.Parse(first.Output).RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
            stages["submit"].GetProperty("outcome").GetString().ShouldBe("succeeded");
            var id = stages["submit"].GetProperty("outputs").GetProperty("submission_id").GetString();
            sandbox.Submissions.ShouldContain(s => s.Id == id);

            second.Code.ShouldBe(0, second.Error);
            var again = JsonDocument.Parse(second.Output).RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
            again["train"].GetProperty("outcome").GetString().ShouldBe("up-to-date");
            again["submit"].GetProperty("outcome").GetString().ShouldBeOneOf("up-to-date", "declined");
            sandbox.Submissions.Count(s => s.Id == id).ShouldBe(1);
            sandbox.Submissions.Count.ShouldBe(1, "the same predictions for the same round are never uploaded twice");
        }
        finally
        {
            Environment.SetEnvironmentVariable("NUMERAI_API_URL", null);
            Environment.SetEnvironmentVariable("NUMERAI_MODEL", null);
        }
    }

    [Fact]
    public async Task The_FastTree_variant_differs_only_in_yaml_and_submits_its_own_model()
    {
        // pipelines/numerai-daily-fasttree.yaml extends numerai-daily and swaps the three model stages for ML.NET's
        Environment.SetEnvironmentVariable("NUMERAI_API_URL", sandbox!.Url.ToString());
        Environment.SetEnvironmentVariable("NUMERAI_MODEL", SandboxServer.DemoModel);
        try
        {
            var run = await Run(
            [
                "run", "numerai-daily-fasttree", "--json",
                "--plugins", Path.Combine(DemoPipelineTests.Root(), "artifacts", "plugins"),
                "--workspace", Path.Combine(temp.Path, "ws-fasttree"),
                "--set", "stages.train.with.params.number_of_trees=20",
                "--set", "stages.train.with.era_stride=2",
            ]);

            run.Code.ShouldBe(0, run.Error);
            var stages = JsonDocument.Parse(run.Output).RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
            stages["train"].GetProperty("type").GetString().ShouldBe("mlnet.train");
            stages["predict"].GetProperty("type").GetString().ShouldBe("mlnet.predict");
            stages["metrics"].GetProperty("outcome").GetString().ShouldBe("succeeded");
            stages["submit"].GetProperty("outcome").GetString().ShouldBe("succeeded");
            var id = stages["submit"].GetProperty("outputs").GetProperty("submission_id").GetString();
            sandbox.Submissions.ShouldHaveSingleItem().Id.ShouldBe(id);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NUMERAI_API_URL", null);
            Environment.SetEnvironmentVariable("NUMERAI_MODEL", null);
        }
    }

    private static async Task<(int Code, string Output, string Error)> Run(string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.InvokeAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
