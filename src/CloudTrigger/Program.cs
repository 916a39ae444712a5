using NumeraiPipeline.CloudTrigger;

WebApplication app;
try
{
    app = TriggerApp.Build(args);
}
catch (TriggerConfigurationException ex)
{
    // A configuration error: say what to fix, without a stack trace; exit code 3 (environment).
    await Console.Error.WriteLineAsync("numerai-pipeline-trigger: " + ex.Line);
    return (int)ex.Error.Exit;
}

await app.RunAsync();
return 0;
