using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.EndToEnd.Tests;

/// <summary>
/// A canary secret put into model parameters and other options (as ${secrets.X}, mixed case, with '=', '/' and '+')
/// is rejected before anything runs, and appears in no form in what validate, plan and run print: not as given, not
/// lower- or upper-cased (LightGBM lower-cases enum values), not JSON-escaped or URL-encoded.
/// </summary>
public sealed class OptionSecretTests : IDisposable
{
    // The distinctive middle part is what the assertions look for: every form of the canary contains it.
    private const string Fragment = "Zq8xWv";
    private const string Canary = "Np-CaNaRy=" + Fragment + "/Tok+en";

    private readonly TempWorkspace temp = new("np-canary-");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_secret_in_options_is_in_no_error_of_validate_plan_or_run()
    {
        var path = Path.Combine(temp.Path, "canary.yaml");
        File.WriteAllText(path, """
            stages:
              train:
                uses: lightgbm.train
                with:
                  data: train.parquet
                  params: { objective: "${secrets.NP_CANARY}", metric: "l2,${secrets.NP_CANARY}", boosting: "${secrets.NP_PLAIN}", learning_rate: "${secrets.NP_PLAIN}", label_column: "${secrets.NP_CANARY}" }
              threads:
                uses: lightgbm.train
                with: { data: train.parquet, num_threads: "${secrets.NP_CANARY}" }
              fasttree:
                uses: mlnet.train
                with: { data: train.parquet, params: { learning_rate: "${secrets.NP_PLAIN}", "${secrets.NP_PLAIN}": 1 } }
              round:
                uses: numerai.round
                with: { max_wait: "${secrets.NP_CANARY}", api_url: "${secrets.NP_PLAIN}" }
              download:
                uses: numerai.download
                with: { version: "${secrets.NP_PLAIN}", files: ["${secrets.NP_PLAIN}"] }
              hook:
                uses: notify.webhook
                with: { url: "${secrets.NP_CANARY}", secret: "${secrets.NP_CANARY}" }
              mail:
                uses: notify.email
                with: { host: "${secrets.NP_CANARY}", from: "${secrets.NP_CANARY}", to: ["${secrets.NP_PLAIN}"], starttls: "${secrets.NP_PLAIN}" }
            """);
        var environment = new Dictionary<string, string> { ["NP_CANARY"] = Canary, ["NP_PLAIN"] = "CaNaRy" + Fragment + "MiXeD" };

        foreach (var args in new[]
        {
            new[] { "validate", path },
            ["plan", path],
            ["run", path, "--workspace", Path.Combine(temp.Path, "ws")],
            ["run", path, "--workspace", Path.Combine(temp.Path, "ws"), "--json", "--log-format", "json"],
            ["validate", path, "--json"],
        })
        {
            var (code, output, error) = await CliProcess.RunAsync(temp.Path, environment, args);

            code.ShouldBe(2, string.Join(' ', args) + "\n" + output + error);
            (output + error).ShouldContain("NP2002");
            if (args.Length <= 4)
            {
                // human output; with --json / --log-format json the same errors are JSON documents and records
                error.ShouldContain("error NP2002: stage 'train' (lightgbm.train): option 'params': the value of 'objective' contains a space or '=', which LightGBM's 'key=value key=value' parameter string cannot carry.");
                error.ShouldContain("error NP2002: stage 'train' (lightgbm.train): option 'params': 'boosting' must be one of gbdt, rf, dart, goss.");
                error.ShouldContain("error NP2001: stage 'threads' (lightgbm.train): option 'num_threads' expects a whole number, but is \"***");
            }

            (output + error).ShouldNotContain(Fragment, Case.Insensitive, string.Join(' ', args));
        }
    }
}
