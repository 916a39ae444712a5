using NumeraiPipeline.Orchestrator.Cli;

return await CliApp.InvokeAsync(args, Console.Out, Console.Error, CancellationToken.None).ConfigureAwait(false);
