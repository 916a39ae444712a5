using System.CommandLine;
using NumeraiPipeline.Orchestrator.Init;
using NumeraiPipeline.Orchestrator.Plugins;

namespace NumeraiPipeline.Orchestrator.Cli;

internal sealed partial class CommandFactory
{
    public static readonly Argument<string> InitDirectory = new("dir") { Description = "The folder to write the project into (created if missing)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "." };
    public static readonly Option<bool> InitForce = new("--force") { Description = "Overwrite the files init writes when they exist" };

    public Command Init()
    {
        var command = new Command("init", "Write a starting project: pipelines/ (copies of the built-in pipelines to edit), .env.example naming every variable they read, a README") { InitDirectory, InitForce };
        command.SetAction(parse =>
        {
            using var session = Session(parse);
            var pipelines = PipelineLocator.BuiltIns().Select(p => (p.Name, p.Path)).ToList();
            var directories = PluginDirectories.Resolve(session.Settings.PluginsDirectories, !session.Settings.NoBuiltInPlugins, session.Environment);
            using var set = PluginHost.Load(directories, unloadable: false);
            var directory = parse.GetValue(InitDirectory) ?? ".";
            var written = ProjectInitializer.Write(directory, pipelines, set.Stages, parse.GetValue(InitForce));
            if (session.Settings.Json)
            {
                session.Output.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { directory = Path.GetFullPath(directory), files = written }, ConsoleRenderer.JsonOptions));
            }
            else
            {
                session.Output.WriteLine($"Wrote a numerai-pipeline project to {Definition.SourceLocation.DisplayPath(Path.GetFullPath(directory))}:");
                foreach (var file in written)
                {
                    session.Output.WriteLine("  " + file);
                }

                session.Output.WriteLine("Next: read README.md there; 'numerai-pipeline doctor PIPELINE' tells what is missing.");
            }

            return 0;
        });
        return command;
    }
}
