using System.Globalization;
using NumeraiPipeline.Numerai.Scoring;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Neutralize;

/// <summary>
/// Neutralizes every prediction column of one era (one worker per thread, buffers reused): the rows where a column is
/// not NaN are fitted by least squares on the era's features plus a constant; y − proportion·fit replaces them, then
/// (optionally) their per-era percent rank. Columns with the same missing rows share one factorisation.
/// </summary>
internal sealed class EraWorker
{
    private readonly Neutralizer neutralizer = new();
    private readonly NeutralizeSettings settings;
    private readonly PredictionTable predictions;
    private readonly double[][] output;
    private int[] subset = [];
    private int[] identity = [];
    private double[] y = [];
    private double[] z = [];
    private double[] ranked = [];

    public EraWorker(NeutralizeSettings settings, PredictionTable predictions, double[][] output)
    {
        this.settings = settings;
        this.predictions = predictions;
        this.output = output;
    }

    public EraOutcome Run(EraJob job)
    {
        var n = job.Count;
        var p = settings.FeatureNames.Count;
        var columns = predictions.Columns.Count;
        var outcome = new EraOutcome(job.Era, n, columns);
        if (n == 0)
        {
            return outcome;
        }

        CheckFeatures(job, n, p);
        var matrix = FeatureMatrix.FromRowMajor(job.Features, p);
        var done = new bool[columns];
        for (var c = 0; c < columns; c++)
        {
            if (done[c])
            {
                continue;
            }

            var values = predictions.Values[c];
            Grow(ref subset, n);
            var m = 0;
            for (var k = 0; k < n; k++)
            {
                if (!double.IsNaN(values[job.Rows[k]]))
                {
                    subset[m++] = k;
                }
            }

            var group = Enumerable.Range(c, columns - c).Where(d => d == c || (!done[d] && SameMissingRows(job, values, predictions.Values[d]))).ToList();
            // the group's rows are loaded for the first column and factorised for the first that is not constant
            var state = 0;
            foreach (var d in group)
            {
                done[d] = true;
                outcome.Columns[d] = m == 0 ? new EraColumnOutcome(0, 0, double.NaN, double.NaN, false) : Column(job, matrix, d, m, ref state);
            }
        }

        return outcome;
    }

    private EraColumnOutcome Column(EraJob job, FeatureMatrix matrix, int column, int m, ref int state)
    {
        if (state == 0)
        {
            neutralizer.Load(matrix, subset.AsSpan(0, m));
            state = 1;
        }

        var values = predictions.Values[column];
        Grow(ref y, m);
        for (var k = 0; k < m; k++)
        {
            y[k] = values[job.Rows[subset[k]]];
        }

        var before = neutralizer.MaxExposure(y.AsSpan(0, m)).Max;
        var target = output[column];
        if (PandasStd.IsZero(y.AsSpan(0, m)))
        {
            // numerai-tools sets a column whose pandas std is 0 to NaN before the fit (one row has std NaN: it is fitted)
            return new EraColumnOutcome(m, 0, before, double.NaN, true);
        }

        if (state == 1)
        {
            neutralizer.Factorize();
            state = 2;
        }

        Grow(ref z, m);
        neutralizer.Neutralize(y.AsSpan(0, m), settings.Proportion, z.AsSpan(0, m));
        var final = z;
        if (settings.Rank)
        {
            Grow(ref ranked, m);
            GrowIdentity(m);
            Ranks.PercentAmong(z, new ArraySegment<int>(identity, 0, m), ranked);
            final = ranked;
        }

        for (var k = 0; k < m; k++)
        {
            target[job.Rows[subset[k]]] = final[k];
        }

        var after = neutralizer.MaxExposure(final.AsSpan(0, m)).Max;
        return new EraColumnOutcome(m, neutralizer.Rank, before, after, false);
    }

    private void CheckFeatures(EraJob job, int n, int p)
    {
        var bytes = job.Features.AsSpan(0, n * p);
        var bad = bytes.IndexOfAnyInRange((byte)(Neutralizer.MaxFeatureValue + 1), byte.MaxValue);
        if (bad >= 0)
        {
            var value = bytes[bad] == NumeraiPipeline.Numerai.Data.DataBlock.MissingFeature ? "missing" : bytes[bad].ToString(CultureInfo.InvariantCulture);
            throw NeutralizeErrors.BadFeatureValue.Exception(settings.DataName, settings.FeatureNames[bad % p], value, job.Era);
        }
    }

    private static bool SameMissingRows(EraJob job, double[] a, double[] b)
    {
        for (var k = 0; k < job.Count; k++)
        {
            var row = job.Rows[k];
            if (double.IsNaN(a[row]) != double.IsNaN(b[row]))
            {
                return false;
            }
        }

        return true;
    }

    private void GrowIdentity(int m)
    {
        if (identity.Length < m)
        {
            identity = Enumerable.Range(0, Math.Max(m, identity.Length * 2)).ToArray();
        }
    }

    private static void Grow<T>(ref T[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            buffer = new T[Math.Max(size, buffer.Length * 2)];
        }
    }
}
