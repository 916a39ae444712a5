namespace NumeraiPipeline.Orchestrator.Plugins;

/// <summary>A command a plugin adds to the command line: its name (words = subcommands), description, types, plugin.</summary>
internal sealed record CommandDescriptor(string Name, string Description, Type CommandType, Type OptionsType, PluginInfo Plugin)
{
    /// <summary>The description of the group the first words make, when this command creates it (empty: "Commands of PLUGIN").</summary>
    public string GroupDescription { get; init; } = "";

    /// <summary>The words of the name: <c>numerai set-webhook</c> is the subcommand <c>set-webhook</c> of <c>numerai</c>.</summary>
    public IReadOnlyList<string> Words => Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
