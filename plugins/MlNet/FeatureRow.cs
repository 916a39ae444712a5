namespace NumeraiPipeline.Plugins.MlNet;

/// <summary>One row as ML.NET sees it: the feature vector (missing = NaN) and the label.</summary>
internal sealed class FeatureRow
{
    public float[] Features { get; set; } = [];

    public float Label { get; set; }
}
