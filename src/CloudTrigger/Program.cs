using NumeraiPipeline.CloudTrigger;

WebApplication app;
try
{
    app = TriggerApp.Build(args);
}
catch (InvalidOperationException ex) when (ex.Message.StartsWith("error NP", StringComparison.Ordinal))
{
    // A configuration error: say what to fix, without a stack trace; exit code 3 (environment).
    await Console.Error.WriteLineAsync("numerai-pipeline-trigger: " + ex.Message);
    return 3;
}

await app.RunAsync();
return 0;
