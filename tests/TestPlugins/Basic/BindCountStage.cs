using System.Collections.Concurrent;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestPlugins.Basic;

public sealed class BindCountOptions
{
    private static readonly ConcurrentDictionary<string, int> Bindings = new(StringComparer.Ordinal);

    private string key = "";

    /// <summary>A name unique to the test; every time the host binds these options, its count goes up.</summary>
    public string Key
    {
        get => key;
        set
        {
            key = value;
            Bindings.AddOrUpdate(value, 1, (_, n) => n + 1);
        }
    }

    /// <summary>An input that may come from another stage's output.</summary>
    public string? From { get; set; }

    public static int Count(string key) => Bindings.GetValueOrDefault(key);
}

/// <summary>Reports how many times the host bound its options so far (in this process).</summary>
[Stage("test.bind-count", Description = "Counts how often its options are bound")]
[StageOutput("bindings", Kind = OutputKind.Value, Description = "The number of bindings of this key so far")]
public sealed class BindCountStage : IStage<BindCountOptions>
{
    public Task<StageResult> RunAsync(StageContext context, BindCountOptions options, CancellationToken cancellationToken)
    {
        context.Outputs.SetValue("bindings", BindCountOptions.Count(options.Key).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Task.FromResult(StageResult.Succeeded());
    }
}
