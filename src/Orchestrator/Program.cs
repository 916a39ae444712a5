using NumeraiPipeline.Orchestrator.Cli;

var (output, swapped) = StandardStreams.SetAsideStandardOutput();
var error = swapped ? StandardStreams.StandardError() : Console.Error;
return await CliApp.InvokeAsync(args, output, error, CancellationToken.None, ownsConsole: swapped).ConfigureAwait(false);
