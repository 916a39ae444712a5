namespace NumeraiPipeline.Sdk;

public interface IStage
{
}

[AttributeUsage(AttributeTargets.Class)]
public sealed class StageAttribute(string id) : Attribute
{
    public string Id { get; } = id;
}
