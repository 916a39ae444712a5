using System.CommandLine;
using System.Globalization;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Sandbox;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>Commands of the Numerai libraries the host ships with: <c>sandbox</c> (the local API stand-in) and <c>synth</c>.</summary>
internal static class ExtraCommands
{
    public static IEnumerable<Command> Create(CommandFactory factory) => [Sandbox(factory), Synth(factory)];

    private static Command Sandbox(CommandFactory factory)
    {
        var port = new Option<int>("--port") { Description = "Loopback port (0 picks a free one)", DefaultValueFactory = _ => 0 }.InRange(0, 65535);
        var rows = new Option<int>("--rows") { Description = "Training rows of the synthetic data", DefaultValueFactory = _ => 20_000 }.InRange(100, 50_000_000);
        var features = new Option<int>("--features") { Description = "Features of the synthetic data", DefaultValueFactory = _ => 60 }.InRange(1, 20_000);
        var eras = new Option<int>("--eras") { Description = "Training eras", DefaultValueFactory = _ => 100 }.InRange(1, 9999);
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic data", DefaultValueFactory = _ => 42 }.InRange(0, int.MaxValue);
        var data = new Option<string?>("--data") { Description = "Serve this folder (written by 'synth') instead of generating data" };
        var command = new Command("sandbox", "Start the local stand-in of the Numerai API on 127.0.0.1 with synthetic data; prints its URL; Ctrl+C stops it") { port, rows, features, eras, seed, data };
        command.SetAction(async (parse, token) =>
        {
            var options = new SandboxOptions
            {
                Port = parse.GetValue(port),
                Rows = parse.GetValue(rows),
                Features = parse.GetValue(features),
                Eras = parse.GetValue(eras),
                Seed = parse.GetValue(seed),
                DataDirectory = parse.GetValue(data) is { } d ? Path.GetFullPath(d) : null,
            };
            await using var server = await SandboxServer.StartAsync(options, token).ConfigureAwait(false);
            await server.PrepareAsync(token).ConfigureAwait(false);
            factory.Output.WriteLine($"Numerai API sandbox listening on {server.Url}");
            factory.Output.WriteLine($"Use it with: export NUMERAI_API_URL={server.Url}");
            factory.Output.WriteLine($"Demo keys: NUMERAI_PUBLIC_ID={SandboxServer.DemoPublicId} NUMERAI_SECRET_KEY={SandboxServer.DemoSecretKey}; models: {string.Join(", ", options.Models)}");
            await factory.Output.FlushAsync(token).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, factory.Link(token)).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        });
        return command;
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
