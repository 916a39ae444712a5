using System.CommandLine;
using System.Text;
using NumeraiPipeline.Orchestrator.Planning;

namespace NumeraiPipeline.Orchestrator.Cli;

internal sealed partial class CommandFactory
{
    public static readonly Option<string> GraphFormat = new("--format") { Description = "mermaid or dot", DefaultValueFactory = _ => "mermaid" };

    public Command Graph()
    {
        var command = new Command("graph", "Print the stage graph as Mermaid or Graphviz DOT") { CommonOptions.Pipeline, GraphFormat };
        GraphFormat.AcceptOnlyFromAmong("mermaid", "dot");
        command.SetAction(parse =>
        {
            using var session = Session(parse);
            var plan = session.Plan(parse.GetValue(CommonOptions.Pipeline)!);
            session.Output.Write(parse.GetValue(GraphFormat) == "dot" ? Dot(plan) : Mermaid(plan));
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Mermaid flowchart. Nodes get generated ids (s0, s1, ...) and the stage id goes in the quoted label: stage ids
    /// such as 'end', 'graph' or 'subgraph' are Mermaid keywords, and '-' runs read as arrows.
    /// </summary>
    public static string Mermaid(ExecutionPlan plan)
    {
        var ids = plan.Stages.Select((s, i) => (s.Id, Node: "s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToDictionary(x => x.Id, x => x.Node, StringComparer.Ordinal);
        var sb = new StringBuilder("flowchart TD\n");
        foreach (var s in plan.Stages)
        {
            sb.Append($"  {ids[s.Id]}[\"{MermaidText(s.Id)}<br/>{MermaidText(s.Descriptor.Id)}\"]\n");
        }

        foreach (var s in plan.Stages)
        {
            foreach (var d in s.Dependencies)
            {
                sb.Append(s.Definition.When == "success" ? $"  {ids[d]} --> {ids[s.Id]}\n" : $"  {ids[d]} -. \"{MermaidText(s.Definition.When)}\" .-> {ids[s.Id]}\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>Text inside a quoted Mermaid label: quotes and markup characters as entity codes.</summary>
    private static string MermaidText(string text) =>
        text.Replace("&", "#amp;", StringComparison.Ordinal).Replace("\"", "#quot;", StringComparison.Ordinal).Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal);

    private static string DotText(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    public static string Dot(ExecutionPlan plan)
    {
        var sb = new StringBuilder($"digraph \"{plan.Pipeline.Name}\" {{\n  rankdir=TB;\n  node [shape=box];\n");
        foreach (var s in plan.Stages)
        {
            sb.Append($"  \"{DotText(s.Id)}\" [label=\"{DotText(s.Id)}\\n{DotText(s.Descriptor.Id)}\"];\n");
        }

        foreach (var s in plan.Stages)
        {
            foreach (var d in s.Dependencies)
            {
                sb.Append(s.Definition.When == "success" ? $"  \"{DotText(d)}\" -> \"{DotText(s.Id)}\";\n" : $"  \"{DotText(d)}\" -> \"{DotText(s.Id)}\" [style=dashed, label=\"{DotText(s.Definition.When)}\"];\n");
            }
        }

        return sb.Append("}\n").ToString();
    }
}
