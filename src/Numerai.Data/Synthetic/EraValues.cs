namespace NumeraiPipeline.Numerai.Data.Synthetic;

/// <summary>What one era of a synthetic data file needs computed as a whole: its signal feature columns, targets and meta score.</summary>
internal sealed class EraValues
{
    private EraValues(byte[][] signal, float[][] targets, double[] average)
    {
        Signal = signal;
        Targets = targets;
        Average = average;
    }

    /// <summary>The signal features' columns (in <see cref="SyntheticModel.SignalFeatures"/> order).</summary>
    public byte[][] Signal { get; }

    /// <summary>Target columns in <see cref="SyntheticModel.Targets"/> order (NaN where unlabelled).</summary>
    public float[][] Targets { get; }

    /// <summary>The long-run score the prediction files are built from.</summary>
    public double[] Average { get; }

    public static EraValues Compute(SyntheticModel model, SyntheticEra era, bool lastLabelledEras)
    {
        var signal = model.SignalFeatures.Select(_ => new byte[era.Rows]).ToArray();
        for (var k = 0; k < signal.Length; k++)
        {
            model.FillFeature(era, model.SignalFeatures[k], signal[k]);
        }

        var (latent, average) = model.Scores(era, signal, 0);
        return new EraValues(signal, model.TargetValues(era, latent, lastLabelledEras), average);
    }
}
