using System.CommandLine;
using System.Globalization;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Sandbox;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>Thin bindings of commands whose logic lives in the Numerai libraries: <c>sandbox</c> (the local API stand-in), <c>synth</c> and <c>numerai set-webhook</c>.</summary>
internal static class ExtraCommands
{
    public static IEnumerable<Command> Create(CommandFactory factory) => [Sandbox(factory), Synth(factory), Numerai(factory)];

    private static Command Sandbox(CommandFactory factory)
    {
        var port = new Option<int>("--port") { Description = "Loopback port (0 picks a free one)", DefaultValueFactory = _ => 0 }.InRange(0, 65535);
        var rows = new Option<int>("--rows") { Description = "Training rows of the synthetic data", DefaultValueFactory = _ => 20_000 }.InRange(100, 50_000_000);
        var features = new Option<int>("--features") { Description = "Features of the synthetic data", DefaultValueFactory = _ => 60 }.InRange(1, 20_000);
        var eras = new Option<int>("--eras") { Description = "Training eras", DefaultValueFactory = _ => 100 }.InRange(1, 9999);
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic data", DefaultValueFactory = _ => 42 }.InRange(0, int.MaxValue);
        var data = new Option<string?>("--data") { Description = "Serve this folder (written by 'synth') instead of generating data" };
        var clock = new Option<string>("--clock") { Description = "Round clock: open (always open), late, closed, or schedule (daily rounds: 1 h on time, 1 h late, then closed)", DefaultValueFactory = _ => "open" };
        clock.AcceptOnlyFromAmong([.. SandboxLaunch.ClockValues]);
        var now = new Option<DateTimeOffset?>("--now") { Description = "Start the sandbox clock at this instant (ISO 8601, e.g. 2026-05-01T13:30:00Z)" };
        var speed = new Option<double>("--speed") { Description = "Sandbox seconds per real second (3600: a day passes in 24 s)", DefaultValueFactory = _ => 1.0 }.InRange(0.001, 1_000_000.0);
        var history = new Option<int>("--history") { Description = "Past rounds already submitted for every model, resolved or resolving on the clock (0 for none)", DefaultValueFactory = _ => 30 }.InRange(0, 1000);
        var failGraphQl = new Option<int>("--fail-graphql") { Description = "Fault: the next N GraphQL requests fail with --fail-status" }.InRange(0, 1_000_000);
        var failStatus = new Option<int>("--fail-status") { Description = "Fault: HTTP status of the injected GraphQL failures (500, 502, 503, 504)", DefaultValueFactory = _ => 503 }.InRange(500, 599);
        var delay = new Option<int>("--graphql-delay-ms") { Description = "Fault: delay every GraphQL answer by this many milliseconds" }.InRange(0, 600_000);
        var failDownloads = new Option<int>("--fail-downloads") { Description = "Fault: the next N downloads fail with 503" }.InRange(0, 1_000_000);
        var cutDownloads = new Option<int>("--cut-downloads") { Description = "Fault: the next N downloads drop the connection half-way" }.InRange(0, 1_000_000);
        var ignoreRange = new Option<int>("--ignore-range") { Description = "Fault: the next N ranged downloads ignore Range" }.InRange(0, 1_000_000);
        var failUploads = new Option<int>("--fail-uploads") { Description = "Fault: the next N uploads fail with 500" }.InRange(0, 1_000_000);
        var command = new Command("sandbox", "Start the local stand-in of the Numerai API on 127.0.0.1 with synthetic data; prints its URL; Ctrl+C stops it")
        {
            port, rows, features, eras, seed, data, clock, now, speed, history, failGraphQl, failStatus, delay, failDownloads, cutDownloads, ignoreRange, failUploads,
        };
        command.SetAction(async (parse, token) =>
        {
            var launch = new SandboxLaunch
            {
                Port = parse.GetValue(port),
                Rows = parse.GetValue(rows),
                Features = parse.GetValue(features),
                Eras = parse.GetValue(eras),
                Seed = parse.GetValue(seed),
                DataDirectory = parse.GetValue(data),
                Clock = parse.GetValue(clock)!,
                Now = parse.GetValue(now),
                Speed = parse.GetValue(speed),
                History = parse.GetValue(history),
                FailGraphQl = parse.GetValue(failGraphQl),
                FailStatus = parse.GetValue(failStatus),
                GraphQlDelay = TimeSpan.FromMilliseconds(parse.GetValue(delay)),
                FailDownloads = parse.GetValue(failDownloads),
                CutDownloads = parse.GetValue(cutDownloads),
                IgnoreRange = parse.GetValue(ignoreRange),
                FailUploads = parse.GetValue(failUploads),
            };
            return await launch.RunAsync(factory.Output, factory.Link(token)).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary><c>numerai set-webhook MODEL URL</c>: the logic is <see cref="WebhookRegistration"/> (Numerai.Api).</summary>
    private static Command Numerai(CommandFactory factory)
    {
        var model = new Argument<string>("MODEL") { Description = "The model's name" };
        var url = new Argument<string?>("URL") { Description = "The trigger URL (terraform output webhook_url); omit with --clear", Arity = ArgumentArity.ZeroOrOne };
        var secretEnv = new Option<string?>("--secret-env") { Description = "Add the trigger's shared secret from this environment variable (or NAME_FILE) as ?secret=; it is never printed" };
        var clear = new Option<bool>("--clear") { Description = "Remove the model's webhook" };
        var apiUrl = new Option<string?>("--api-url") { Description = "The Numerai API endpoint (default NUMERAI_API_URL, else Numerai)" };
        var setWebhook = new Command("set-webhook", "Register the compute webhook Numerai calls when a round opens (keys from NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY)") { model, url, secretEnv, clear, apiUrl };
        setWebhook.SetAction(async (parse, token) =>
        {
            var given = parse.GetValue(url);
            if (parse.GetValue(clear) == !string.IsNullOrWhiteSpace(given))
            {
                await factory.Error.WriteLineAsync($"{WebhookRegistration.Origin}: error {NumeraiErrorCodes.BadWebhookUrl}: give either the trigger URL or --clear. Usage: numerai set-webhook MODEL URL [--secret-env TRIGGER_SECRET]").ConfigureAwait(false);
                return 2;
            }

            var registration = new WebhookRegistration
            {
                ModelName = parse.GetValue(model)!, Url = given, SecretVariable = parse.GetValue(secretEnv), ApiUrl = parse.GetValue(apiUrl), Environment = factory.Environment,
            };
            return await registration.RunAsync(factory.Output, factory.Error, factory.Link(token)).ConfigureAwait(false);
        });
        return new Command("numerai", "Numerai account commands") { setWebhook };
    }

    private static Command Synth(CommandFactory factory)
    {
        var output = new Option<string>("--out") { Description = "Output folder (files go to OUT/VERSION/)", Required = true };
        var version = new Option<string>("--version") { Description = "Dataset version (folder name)", DefaultValueFactory = _ => "v5.2" };
        var rows = new Option<int>("--rows") { Description = "Training rows in all", DefaultValueFactory = _ => 24_000 }.InRange(1, int.MaxValue);
        var features = new Option<int>("--features") { Description = "Number of features", DefaultValueFactory = _ => 60 }.InRange(1, 20_000);
        var eras = new Option<int>("--eras") { Description = "Training eras", DefaultValueFactory = _ => 120 }.InRange(1, 9999);
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same files)", DefaultValueFactory = _ => 42 }.InRange(0, int.MaxValue);
        var command = new Command("synth", "Write a synthetic Numerai-shaped dataset (train, validation, live, features.json, meta model, benchmarks)") { output, version, rows, features, eras, seed };
        command.SetAction(async (parse, token) =>
        {
            var options = new SyntheticDatasetOptions
            {
                Version = parse.GetValue(version)!,
                TrainRows = parse.GetValue(rows),
                FeatureCount = parse.GetValue(features),
                TrainEras = parse.GetValue(eras),
                Seed = parse.GetValue(seed),
            };
            var summary = await SyntheticDataset.WriteAsync(options, Path.GetFullPath(parse.GetValue(output)!), factory.Link(token)).ConfigureAwait(false);
            factory.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {summary.Directory}: {summary.TrainRows} train, {summary.ValidationRows} validation, {summary.LiveRows} live rows, {summary.FeatureCount} features"));
            foreach (var f in summary.Files)
            {
                factory.Output.WriteLine("  " + f);
            }

            return 0;
        });
        return command;
    }
}
