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

    public static string Mermaid(ExecutionPlan plan)
    {
        var sb = new StringBuilder("flowchart TD\n");
        foreach (var s in plan.Stages)
        {
            sb.Append($"  {s.Id}[\"{s.Id}<br/>{s.Descriptor.Id}\"]\n");
        }

        foreach (var s in plan.Stages)
        {
            foreach (var d in s.Dependencies)
            {
                sb.Append(s.Definition.When == "success" ? $"  {d} --> {s.Id}\n" : $"  {d} -. {s.Definition.When} .-> {s.Id}\n");
            }
        }

        return sb.ToString();
    }

    public static string Dot(ExecutionPlan plan)
    {
        var sb = new StringBuilder($"digraph \"{plan.Pipeline.Name}\" {{\n  rankdir=TB;\n  node [shape=box];\n");
        foreach (var s in plan.Stages)
        {
            sb.Append($"  \"{s.Id}\" [label=\"{s.Id}\\n{s.Descriptor.Id}\"];\n");
        }

        foreach (var s in plan.Stages)
        {
            foreach (var d in s.Dependencies)
            {
                sb.Append(s.Definition.When == "success" ? $"  \"{d}\" -> \"{s.Id}\";\n" : $"  \"{d}\" -> \"{s.Id}\" [style=dashed, label=\"{s.Definition.When}\"];\n");
            }
        }

        return sb.Append("}\n").ToString();
    }
}
