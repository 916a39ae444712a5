using NumeraiPipeline.CloudTrigger;

var app = TriggerApp.Build(args);
await app.RunAsync();
