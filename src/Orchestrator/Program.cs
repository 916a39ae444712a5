using NumeraiPipeline.Orchestrator.Cli;

var (output, swapped) = StandardStreams.SetAsideStandardOutput();
return await CliApp.InvokeAsync(args, output, Console.Error, CancellationToken.None, ownsConsole: swapped).ConfigureAwait(false);
