using System.CommandLine;
using NumeraiPipeline.Orchestrator.Plugins;

namespace NumeraiPipeline.Orchestrator.Cli;

internal sealed partial class CommandFactory
{
    public static readonly Argument<string> PluginName = new("name") { Description = "The plugin's name, e.g. MyModel (also its assembly and folder name)" };
    public static readonly Option<string?> OutputOption = new("--output", "-o") { Description = "Parent folder of the new project (default: plugins/ of the repository, else the current folder); with --plugins DIR the build goes to DIR/NAME" };

    public Command NewPlugin()
    {
        var command = new Command("new-plugin", "Scaffold a plugin project with one stage; 'dotnet build' it and use its stage in a pipeline") { PluginName, OutputOption };
        command.SetAction(parse =>
        {
            using var session = Session(parse);
            var (dir, stageId, pluginsDir) = PluginScaffold.Create(parse.GetValue(PluginName)!, parse.GetValue(OutputOption), session.Settings.PluginsDirectories.FirstOrDefault());
            session.Output.WriteLine($"Created {Definition.SourceLocation.DisplayPath(dir)} with stage '{stageId}'.");
            session.Output.WriteLine($"Next: dotnet build {Definition.SourceLocation.DisplayPath(dir)}, then 'uses: {stageId}' in a pipeline run with --plugins {Definition.SourceLocation.DisplayPath(pluginsDir)} (see its README.md).");
            return 0;
        });
        return command;
    }
}
