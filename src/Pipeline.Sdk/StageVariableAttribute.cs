namespace NumeraiPipeline.Sdk;

/// <summary>
/// Declares an environment variable a stage type reads itself (not through <c>${env.X}</c> in the pipeline), such
/// as its credentials or a default endpoint. <c>numerai-pipeline init</c> lists it in <c>.env.example</c> and
/// <c>doctor</c> knows of it. A secret read through <see cref="ISecretStore"/> may also come from the file named by
/// <c>NAME_FILE</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class StageVariableAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The variable, e.g. <c>NUMERAI_SECRET_KEY</c>.</param>
    public StageVariableAttribute(string name) => Name = name;

    /// <summary>The variable's name.</summary>
    public string Name { get; }

    /// <summary>What it is for, one line.</summary>
    public string Description { get; set; } = "";

    /// <summary>Whether it holds a secret (read through <see cref="ISecretStore"/>; <c>NAME_FILE</c> works too).</summary>
    public bool IsSecret { get; set; }
}
