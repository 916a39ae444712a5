using System.Reflection;
using System.Text.RegularExpressions;
using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Init;

/// <summary>
/// Every environment variable a set of pipelines reads: the <c>${env.X}</c> and <c>${secrets.X}</c> in their files,
/// then the variables their stage types declare with <see cref="StageVariableAttribute"/>, then the host's own.
/// </summary>
internal static partial class ProjectVariables
{
    /// <summary>The host's own variables (none is required).</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> Host =
    [
        (Storage.RemoteStores.EnvironmentVariable, "remote artifact store mirrored by every run: gs://BUCKET/PREFIX or a folder (as --store)"),
        ("NUMERAI_PIPELINE_WORKSPACE", "workspace folder (as --workspace; default .numerai-pipeline)"),
        (PluginDirectories.EnvironmentVariable, "more plugin folders, a path list (as --plugins)"),
        ("OTEL_EXPORTER_OTLP_ENDPOINT", "send traces and metrics to this OTLP endpoint"),
    ];

    public static IReadOnlyList<VariableUse> Collect(IReadOnlyList<(string Name, string Path)> pipelines, IReadOnlyDictionary<string, StageDescriptor> stageTypes)
    {
        var found = new List<VariableUse>();
        void Add(string name, bool secret, string? fallback, string readBy, string description)
        {
            var index = found.FindIndex(v => v.Name == name);
            if (index < 0)
            {
                found.Add(new VariableUse(name, secret, fallback, [readBy], description));
                return;
            }

            var v = found[index];
            found[index] = v with
            {
                Secret = v.Secret || secret,
                Default = v.Default ?? fallback,
                ReadBy = v.ReadBy.Contains(readBy) ? v.ReadBy : [.. v.ReadBy, readBy],
                Description = v.Description.Length > 0 ? v.Description : description,
            };
        }

        foreach (var (_, path) in pipelines)
        {
            var text = File.ReadAllText(path);
            foreach (Match m in Reference().Matches(text))
            {
                if (m.Index > 0 && text[m.Index - 1] == '$')
                {
                    continue; // $${...} is a literal.
                }

                Add(m.Groups["name"].Value, m.Groups["kind"].Value == "secrets", m.Groups["default"].Success ? m.Groups["default"].Value : null, $"pipelines/{Path.GetFileName(path)}", "");
            }
        }

        foreach (var (_, path) in pipelines)
        {
            IEnumerable<string> uses;
            try
            {
                uses = Definition.PipelineLoader.Load(path).Stages.Select(s => s.Uses).Distinct();
            }
            catch (Diagnostics.PipelineException)
            {
                continue;
            }

            foreach (var type in uses)
            {
                if (stageTypes.TryGetValue(type, out var descriptor))
                {
                    foreach (var attribute in descriptor.StageType.GetCustomAttributes<StageVariableAttribute>())
                    {
                        Add(attribute.Name, attribute.IsSecret, null, type, attribute.Description);
                    }
                }
            }
        }

        return found;
    }

    [GeneratedRegex(@"\$\{(?<kind>env|secrets)\.(?<name>[A-Za-z_][A-Za-z0-9_]*)(:-(?<default>[^}]*))?\}")]
    private static partial Regex Reference();
}
