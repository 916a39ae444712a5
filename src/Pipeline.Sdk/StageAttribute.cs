namespace NumeraiPipeline.Sdk;

/// <summary>Marks a class implementing <see cref="IStage{TOptions}"/> as a stage type with a unique id.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class StageAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="id">The stage type id used in a pipeline's <c>uses:</c>, e.g. <c>lightgbm.train</c>.</param>
    public StageAttribute(string id) => Id = id;

    /// <summary>The stage type id, e.g. <c>lightgbm.train</c>.</summary>
    public string Id { get; }

    /// <summary>A one-line description shown by the <c>plugins</c> command.</summary>
    public string Description { get; set; } = "";
}
