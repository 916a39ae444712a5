using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.LibNew;

public sealed class LibOptions
{
}

[Stage("test.lib-new", Description = "Reports the Newtonsoft.Json version it loaded")]
[StageOutput("json_version", Description = "Assembly version of Newtonsoft.Json in this plugin's load context", Kind = OutputKind.Value)]
public sealed class LibStage : IStage<LibOptions>
{
    public Task<StageResult> RunAsync(StageContext context, LibOptions options, CancellationToken cancellationToken)
    {
        var text = Newtonsoft.Json.JsonConvert.SerializeObject(new { ok = true });
        var version = typeof(Newtonsoft.Json.JsonConvert).Assembly.GetName().Version!.ToString();
        context.Outputs.SetValue("json_version", version);
        context.AddSummary("json", text);
        return Task.FromResult(StageResult.Succeeded());
    }
}
