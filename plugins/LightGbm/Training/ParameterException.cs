namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>A parameter in <c>params</c> is unknown, duplicated or malformed.</summary>
internal sealed class ParameterException(string name, string message) : Exception(message)
{
    public string Name { get; } = name;
}
