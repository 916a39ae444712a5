using System.Text;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Plugins;

namespace NumeraiPipeline.Orchestrator.Init;

/// <summary>
/// Writes a starting project: <c>pipelines/</c> (copies of the built-in pipelines, to edit), <c>.env.example</c>
/// naming every variable they read (no values), a short README and a .gitignore. Writes nothing when a file it would
/// write exists, unless forced.
/// </summary>
internal static class ProjectInitializer
{
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<(string Name, string Path)> pipelines, IReadOnlyDictionary<string, StageDescriptor> stageTypes, bool force)
    {
        var files = new List<(string Relative, string Content)>();
        foreach (var (_, path) in pipelines)
        {
            files.Add(("pipelines/" + Path.GetFileName(path), File.ReadAllText(path)));
        }

        var variables = ProjectVariables.Collect(pipelines, stageTypes);
        files.Add((".env.example", EnvExample(variables)));
        files.Add(("README.md", Readme(pipelines.Select(p => p.Name).ToList(), variables)));
        files.Add((".gitignore", ".numerai-pipeline/\n.env\n"));

        var root = Path.GetFullPath(directory);
        if (!force && files.Select(f => Path.Combine(root, f.Relative)).FirstOrDefault(File.Exists) is { } existing)
        {
            throw new PipelineException(DiagnosticCodes.InitWouldOverwrite.Create("numerai-pipeline init", Definition.SourceLocation.DisplayPath(existing)));
        }

        foreach (var (relative, content) in files)
        {
            var target = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, content);
        }

        return files.Select(f => f.Relative).ToList();
    }

    private static string EnvExample(IReadOnlyList<VariableUse> variables)
    {
        var text = new StringBuilder();
        text.AppendLine("# The environment variables the pipelines in pipelines/ read, with no values. Copy this file to .env (kept out");
        text.AppendLine("# of git by .gitignore), fill it in, and load it into the shell before a run: set -a; . ./.env; set +a");
        text.AppendLine("# A secret may instead come from a file: NAME_FILE=/path/to/file (a secret mount).");
        foreach (var v in variables)
        {
            text.AppendLine();
            if (v.Description.Length > 0)
            {
                text.AppendLine("# " + v.Description);
            }

            var needed = v.Default switch
            {
                null => "read by",
                "" => "optional, read by",
                _ => $"optional (default '{v.Default}'), read by",
            };
            text.AppendLine($"# {(v.Secret ? "secret, " : "")}{needed} {string.Join(", ", v.ReadBy)}");
            text.AppendLine(v.Name + "=");
        }

        text.AppendLine();
        text.AppendLine("# numerai-pipeline itself (all optional):");
        foreach (var (name, description) in ProjectVariables.Host)
        {
            text.AppendLine($"# {name}=    # {description}");
        }

        return text.ToString();
    }

    private static string Readme(IReadOnlyList<string> pipelines, IReadOnlyList<VariableUse> variables)
    {
        var secrets = variables.Where(v => v.Secret).Select(v => v.Name).ToList();
        var text = new StringBuilder();
        text.AppendLine("# A numerai-pipeline project");
        text.AppendLine();
        text.AppendLine($"`pipelines/` holds copies of the built-in pipelines ({string.Join(", ", pipelines)}) to edit: a pipeline here wins");
        text.AppendLine("over the built-in one of the same name (`numerai-pipeline list` shows which is which). Stage types and their options:");
        text.AppendLine("`numerai-pipeline plugins`.");
        text.AppendLine();
        text.AppendLine("```bash");
        if (pipelines.Contains("demo"))
        {
            text.AppendLine("numerai-pipeline run demo                 # offline, against a built-in sandbox: no account needed");
        }

        text.AppendLine("cp .env.example .env                      # then fill it in" + (secrets.Count > 0 ? $" ({string.Join(", ", secrets)} are secrets)" : ""));
        text.AppendLine("set -a; . ./.env; set +a                  # load it into this shell");
        var main = pipelines.FirstOrDefault(p => p != "demo") ?? pipelines.FirstOrDefault() ?? "PIPELINE";
        text.AppendLine($"numerai-pipeline doctor {main,-17} # is this machine ready? (exit 0 yes, 3 no; each failing row says how to fix it)");
        text.AppendLine($"numerai-pipeline run {main}");
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine("Everything a run writes goes to `.numerai-pipeline/` (artifacts, stamps); a second run skips the stages that are");
        text.AppendLine("up to date. `numerai-pipeline plan NAME` shows what would run and why.");
        return text.ToString();
    }
}
