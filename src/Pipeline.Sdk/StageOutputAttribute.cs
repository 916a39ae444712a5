namespace NumeraiPipeline.Sdk;

/// <summary>Declares one output of a stage type, so the planner can check <c>${stages.X.outputs.Y}</c> before running.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class StageOutputAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The output name, e.g. <c>model</c>.</param>
    public StageOutputAttribute(string name) => Name = name;

    /// <summary>The output name.</summary>
    public string Name { get; }

    /// <summary>What the output holds.</summary>
    public string Description { get; set; } = "";

    /// <summary>Whether the output is a file (an artifact, content-hashed) or a plain value.</summary>
    public OutputKind Kind { get; set; } = OutputKind.File;

    /// <summary>
    /// Whether a value output is a secret (an API key): the host redacts it everywhere, shows <c>***</c> in outputs,
    /// plans, JSON and run snapshots, never writes it into a stamp or the store, leaves it out of the fingerprints of
    /// the stages that use it, and reruns the stage in every run (the value is not kept). Only for
    /// <see cref="OutputKind.Value"/> outputs.
    /// </summary>
    public bool Secret { get; set; }
}

/// <summary>The kind of a stage output.</summary>
public enum OutputKind
{
    /// <summary>A file written through <see cref="IStageOutputs"/>; its value is the file's path.</summary>
    File,

    /// <summary>A plain value (a number, an id, a URL) set with <see cref="IStageOutputs.SetValue"/>.</summary>
    Value,
}
