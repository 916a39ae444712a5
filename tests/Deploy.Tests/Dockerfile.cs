using System.Text.Json;
using System.Text.RegularExpressions;

namespace NumeraiPipeline.Deploy.Tests;

/// <summary>A Dockerfile read into stages of instructions (continuations joined, comments dropped, global ARGs substituted in FROM).</summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(List<Stage> stages) => Stages = stages;

    public List<Stage> Stages { get; }

    public Stage Final => Stages[^1];

    public static Dockerfile Parse(string text)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            current += line;
            if (current.Trim().Length > 0)
            {
                lines.Add(current.Trim());
            }

            current = "";
        }

        var globals = new Dictionary<string, string>();
        var stages = new List<Stage>();
        foreach (var line in lines)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var args = space < 0 ? "" : line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var substituted = ArgReference().Replace(args, m => globals.GetValueOrDefault(m.Groups[1].Value, m.Value));
                var parts = substituted.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new Stage(parts[0], parts.Length >= 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : null));
            }
            else if (stages.Count == 0 && keyword == "ARG")
            {
                var kv = args.Split('=', 2);
                globals[kv[0]] = kv.Length > 1 ? kv[1] : "";
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add((keyword, args));
            }
        }

        return new Dockerfile(stages);
    }

    /// <summary>The argument list of an exec-form instruction such as <c>ENTRYPOINT ["a", "b"]</c>.</summary>
    public static string[] ExecForm(string args) => JsonSerializer.Deserialize<string[]>(args)!;

    [GeneratedRegex("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}")]
    private static partial Regex ArgReference();

    internal sealed record Stage(string BaseImage, string? Name)
    {
        public List<(string Keyword, string Args)> Instructions { get; } = [];

        public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Args);
    }
}
