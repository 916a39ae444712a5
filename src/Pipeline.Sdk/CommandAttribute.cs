namespace NumeraiPipeline.Sdk;

/// <summary>Marks a class implementing <see cref="ICommand{TOptions}"/> as a command of the command line.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class CommandAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The command's name, e.g. <c>sandbox</c>; words separated by spaces make subcommands
    /// (<c>numerai set-webhook</c>).</param>
    public CommandAttribute(string name) => Name = name;

    /// <summary>The command's name (words separated by spaces for subcommands).</summary>
    public string Name { get; }

    /// <summary>A one-line description shown by <c>--help</c>.</summary>
    public string Description { get; set; } = "";

    /// <summary>
    /// For a command of several words: the description of the group its first words make (<c>numerai</c> of
    /// <c>numerai set-webhook</c>) in <c>--help</c>; empty for "Commands of PLUGIN".
    /// </summary>
    public string GroupDescription { get; set; } = "";
}

/// <summary>Makes an options property of a command a positional argument instead of a <c>--name</c> option.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class CommandArgumentAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="position">The argument's position, from 0.</param>
    public CommandArgumentAttribute(int position) => Position = position;

    /// <summary>The argument's position, from 0.</summary>
    public int Position { get; }

    /// <summary>The argument's name in <c>--help</c> and errors (e.g. <c>MODEL</c>); empty for the property's kebab-case name.</summary>
    public string Name { get; set; } = "";
}
