using NumeraiPipeline.Numerai.Data.Synthetic;

namespace NumeraiPipeline.Numerai.Data;

/// <summary>
/// What the synthetic world knows about a round's live era that live.parquet does not show: the main target the era
/// resolves to (drawn from the same planted signal as the training targets, so a model that learned it scores on live
/// too), the meta model's and the benchmark's predictions of the live rows, and the example predictions (the values of
/// live_example_preds.parquet). Rows are in live.parquet's order. A pure function of the options.
/// </summary>
/// <param name="Ids">The live ids.</param>
/// <param name="Target">The resolved main target of each row (5 bins in [0, 1]).</param>
/// <param name="MetaModel">The meta model's prediction of each row, in (0, 1).</param>
/// <param name="Benchmark">The benchmark model's prediction of each row, in (0, 1).</param>
/// <param name="ExamplePredictions">The example model's prediction of each row, in (0, 1).</param>
public sealed record SyntheticLiveOutcome(string[] Ids, double[] Target, double[] MetaModel, double[] Benchmark, double[] ExamplePredictions)
{
    /// <summary>Computes the outcome of <see cref="SyntheticDatasetOptions.Round"/>'s live era.</summary>
    /// <param name="options">The options the live file was (or would be) written with.</param>
    /// <returns>The outcome.</returns>
    public static SyntheticLiveOutcome Compute(SyntheticDatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = new SyntheticModel(options);
        var era = model.LiveEras(options.Round)[0];
        var signal = model.SignalFeatures.Select(_ => new byte[era.Rows]).ToArray();
        for (var k = 0; k < signal.Length; k++)
        {
            model.FillFeature(era, model.SignalFeatures[k], signal[k]);
        }

        var (latent, average) = model.Scores(era, signal, 0);
        var target = model.TargetValues(era with { Labelled = true }, latent, false)[0];
        var ids = new string[era.Rows];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = model.Id(2, options.Round, era.FirstRow + i);
        }

        // The same noise sizes and keys as the side files of validation (meta 1.2, benchmark 1.8) and live (example 1.5).
        return new SyntheticLiveOutcome(
            ids,
            [.. target.Select(t => (double)t)],
            SyntheticModel.NoisyRank(average, 1.2, model.Key(6, era.Index)),
            SyntheticModel.NoisyRank(average, 1.8, model.Key(5, era.Index)),
            SyntheticModel.NoisyRank(average, 1.5, model.Key(7, era.Index)));
    }
}
