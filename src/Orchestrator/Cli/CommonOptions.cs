using System.CommandLine;
using NumeraiPipeline.Orchestrator.Telemetry;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>The options shared by commands (defined once, added where they apply).</summary>
internal static class CommonOptions
{
    public static readonly Option<string[]> Plugins = new("--plugins") { Description = "A folder of plugins to add to the built-in ones (repeatable; NUMERAI_PIPELINE_PLUGINS adds a path list too); a plugin found first replaces a built-in one of the same name", Recursive = true, AllowMultipleArgumentsPerToken = false };
    public static readonly Option<bool> NoBuiltInPlugins = new("--no-builtin-plugins") { Description = "Load only the --plugins and NUMERAI_PIPELINE_PLUGINS folders, not the built-in plugins", Recursive = true };
    public static readonly Option<string?> Workspace = new("--workspace", "-w") { Description = "Workspace folder for artifacts, stamps and the run lock (default: NUMERAI_PIPELINE_WORKSPACE or .numerai-pipeline)", Recursive = true };
    public static readonly Option<string[]> Set = new("--set") { Description = "Override a pipeline value: --set stages.train.with.params.num_leaves=63 (repeatable)", Recursive = true, AllowMultipleArgumentsPerToken = false };
    public static readonly Option<bool> Verbose = new("--verbose", "-v") { Description = "Debug logs and stack traces", Recursive = true };
    public static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "Only warnings and errors in the log", Recursive = true };
    public static readonly Option<bool> Json = new("--json") { Description = "Machine-readable JSON on standard output", Recursive = true };
    public static readonly Option<LogFormat> LogFormatOption = new("--log-format") { Description = "Log format on standard error: human or json (Cloud Logging structured lines)", Recursive = true, DefaultValueFactory = _ => LogFormat.Human };
    public static readonly Option<string?> Store = new("--store") { Description = "Remote artifact store mirrored before and during a run: gs://BUCKET/PREFIX or a folder (default: NUMERAI_PIPELINE_STORE)", Recursive = true };
    public static readonly Option<string?> Trace = CreateTrace();

    public static readonly Argument<string> Pipeline = new("pipeline") { Description = "A pipeline name (pipelines/NAME.yaml) or a path to a YAML file" };

    private static Option<string?> CreateTrace()
    {
        var option = new Option<string?>("--trace") { Description = "Trace exporter: console (spans on standard error), otlp (to OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4318) or none; OTLP is also used whenever OTEL_EXPORTER_OTLP_ENDPOINT is set", Recursive = true };
        option.AcceptOnlyFromAmong("console", "otlp", "none");
        return option;
    }

    public static GlobalSettings Read(ParseResult result) => new()
    {
        PluginsDirectories = result.GetValue(Plugins) ?? [],
        NoBuiltInPlugins = result.GetValue(NoBuiltInPlugins),
        Workspace = result.GetValue(Workspace),
        Sets = result.GetValue(Set) ?? [],
        Verbose = result.GetValue(Verbose),
        Quiet = result.GetValue(Quiet),
        Json = result.GetValue(Json),
        LogFormat = result.GetValue(LogFormatOption),
        Trace = result.GetValue(Trace),
        Store = result.GetValue(Store),
    };
}
