using System.Collections.Concurrent;

namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>
/// Scores predictions era by era, in parallel over eras, as numerai-tools does (DATA-AND-SCORING.md §4): CORR
/// (numerai_corr), MMC and BMC (correlation_contribution), FNC (feature_neutral_corr) and the max feature exposure.
/// Rows without a target are dropped per era; eras without any are dropped.
/// </summary>
public sealed class ScoringEngine(ScoringOptions options)
{
    /// <summary>Scores every labelled era.</summary>
    public ScoringResult Score(ScoringData data, CancellationToken cancellationToken = default, Action<int, int>? progress = null)
    {
        data.Validate();
        if (data.Features?.FindAbove(127) is { } bad)
        {
            throw new ArgumentException($"feature '{data.FeatureNames[bad.Column]}' is {data.Features.Row(bad.Row)[bad.Column]} in row {bad.Row}; features must be small integers (0..127)");
        }

        // era of each row: rows of one era usually come in runs, so compare with the previous row first
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var eraOfRow = new int[data.Rows];
        string? previous = null;
        var previousIndex = -1;
        for (var i = 0; i < data.Rows; i++)
        {
            var era = data.Eras[i];
            if (previous is null || !string.Equals(era, previous, StringComparison.Ordinal))
            {
                if (!firstSeen.TryGetValue(era, out previousIndex))
                {
                    previousIndex = firstSeen.Count;
                    firstSeen[era] = previousIndex;
                }

                previous = era;
            }

            eraOfRow[i] = previousIndex;
        }

        var eraNames = firstSeen.Keys.Order(StringComparer.Ordinal).ToArray();
        var sortedIndex = new int[eraNames.Length];
        for (var e = 0; e < eraNames.Length; e++)
        {
            sortedIndex[firstSeen[eraNames[e]]] = e;
        }

        var offsets = new int[eraNames.Length + 1];
        for (var i = 0; i < data.Rows; i++)
        {
            var e = sortedIndex[eraOfRow[i]];
            eraOfRow[i] = e;
            offsets[e + 1]++;
        }

        for (var e = 0; e < eraNames.Length; e++)
        {
            offsets[e + 1] += offsets[e];
        }

        var rowsByEra = new int[data.Rows];
        var fill = (int[])offsets.Clone();
        for (var i = 0; i < data.Rows; i++)
        {
            rowsByEra[fill[eraOfRow[i]]++] = i;
        }

        var scores = new EraScore?[eraNames.Length];
        var notes = new ConcurrentBag<(string Era, string Note)>();
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };

        var finished = 0;
        Parallel.For(
            0,
            eraNames.Length,
            parallel,
            () => new EraWorkspace(),
            (e, _, ws) =>
            {
                var rows = rowsByEra.AsSpan(offsets[e], offsets[e + 1] - offsets[e]);
                scores[e] = ScoreEra(eraNames[e], rows, data, ws, notes);
                var done = Interlocked.Increment(ref finished);
                if (progress is not null && (done % 20 == 0 || done == eraNames.Length))
                {
                    progress(done, eraNames.Length);
                }

                return ws;
            },
            _ => { });

        var labelled = scores.Where(s => s is not null).Select(s => s!).ToList();
        return new ScoringResult
        {
            Eras = labelled,
            Notes = Summarise(notes),
            UnlabelledEras = eraNames.Length - labelled.Count,
        };
    }

    private const string NoValuesPrefix = "no ";

    /// <summary>Notes in era order; the frequent "no meta model values" notes are merged into one per input.</summary>
    private static List<string> Summarise(IEnumerable<(string Era, string Note)> notes)
    {
        var ordered = notes.OrderBy(n => n.Era, StringComparer.Ordinal).ToList();
        var result = new List<string>();
        foreach (var group in ordered.Where(n => n.Note.StartsWith(NoValuesPrefix, StringComparison.Ordinal)).GroupBy(n => n.Note))
        {
            var eras = group.Select(n => n.Era).ToList();
            result.Add(eras.Count == 1 ? $"era {eras[0]}: {group.Key}" : $"{eras.Count} eras ({eras[0]} to {eras[^1]}): {group.Key}");
        }

        result.AddRange(ordered.Where(n => !n.Note.StartsWith(NoValuesPrefix, StringComparison.Ordinal)).Select(n => $"era {n.Era}: {n.Note}"));
        return result;
    }

    private EraScore? ScoreEra(string era, ReadOnlySpan<int> rows, ScoringData data, EraWorkspace ws, ConcurrentBag<(string, string)> notes)
    {
        ws.Ensure(rows.Length);
        var labelled = 0;
        var targetSum = 0.0;
        foreach (var r in rows)
        {
            var t = data.Target[r];
            if (!double.IsNaN(t))
            {
                ws.Labelled[labelled++] = r;
                targetSum += t;
            }
        }

        if (labelled == 0)
        {
            return null;
        }

        var score = new EraScore { Era = era, LabelledRows = labelled };
        var targetMean = targetSum / labelled;
        var n = 0;
        for (var i = 0; i < labelled; i++)
        {
            var r = ws.Labelled[i];
            if (!double.IsNaN(data.Prediction[r]))
            {
                ws.Scored[n++] = r;
            }
        }

        score.ScoredRows = n;
        if (n == 0 || n < options.MinAlignedRatio * labelled)
        {
            notes.Add((era, $"predictions cover {n} of {labelled} labelled rows, below the {options.MinAlignedRatio:P0} alignment rule; era not scored"));
            return score;
        }

        var scored = ws.Scored.AsSpan(0, n);
        var pred = ws.Pred.AsSpan(0, n);
        var target = ws.Target.AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            pred[i] = data.Prediction[scored[i]];
            target[i] = data.Target[scored[i]];
        }

        // CORR: pow15(Φ⁻¹(rank(p))) against pow15(t − mean over all labelled rows)
        var gp = ws.PredGauss.AsSpan(0, n);
        Ranking.GaussianRanks(pred, gp, ws.Ranks);
        var a = ws.PredTerm.AsSpan(0, n);
        var b = ws.TargetTerm.AsSpan(0, n);
        for (var i = 0; i < n; i++)
        {
            a[i] = Stats.Pow15(gp[i]);
            b[i] = Stats.Pow15(target[i] - targetMean);
        }

        score.Corr = Stats.Pearson(a, b);

        if (data.MetaModel is { } meta)
        {
            var (contribution, corrWith) = Contribution(era, "meta model", meta, ws, n, labelled, notes);
            score.Mmc = contribution;
            score.CorrWithMetaModel = corrWith;
        }

        if (data.Benchmark is { } bench)
        {
            var (contribution, corrWith) = Contribution(era, "benchmark", bench, ws, n, labelled, notes);
            score.Bmc = contribution;
            score.CorrWithBenchmark = corrWith;
        }

        if (data.Features is { } features && (options.FeatureExposure || options.FeatureNeutralCorr))
        {
            ws.Neutralizer.Load(features, scored);
            if (options.FeatureExposure)
            {
                (score.MaxFeatureExposure, var index) = MaxExposure(ws, pred);
                score.MaxExposureFeature = index >= 0 ? data.FeatureNames[index] : null;
            }

            if (options.FeatureNeutralCorr)
            {
                score.Fnc = FeatureNeutralCorr(ws, gp, b);
            }
        }

        return score;
    }

    /// <summary>correlation_contribution against <paramref name="other"/>, and numerai_corr with it as the target.</summary>
    private (double Contribution, double CorrWith) Contribution(
        string era, string what, double[] other, EraWorkspace ws, int n, int labelled, ConcurrentBag<(string, string)> notes)
    {
        // rows of the labelled era that have the other model's value (its series for this era)
        var available = 0;
        var otherSum = 0.0;
        for (var i = 0; i < labelled; i++)
        {
            var v = other[ws.Labelled[i]];
            if (!double.IsNaN(v))
            {
                available++;
                otherSum += v;
            }
        }

        if (available == 0)
        {
            notes.Add((era, $"{NoValuesPrefix}{what} values; its contribution is not scored"));
            return (double.NaN, double.NaN);
        }

        var m = 0;
        for (var i = 0; i < n; i++)
        {
            var r = ws.Scored[i];
            if (!double.IsNaN(other[r]))
            {
                ws.Subset[m] = i;
                ws.Other[m] = other[r];
                m++;
            }
        }

        if (m < options.MinAlignedRatio * n || m < options.MinAlignedRatio * available)
        {
            notes.Add((era, $"{what} values cover {m} of {n} scored rows, below the {options.MinAlignedRatio:P0} alignment rule; its contribution is not scored"));
            return (double.NaN, double.NaN);
        }

        var subset = ws.Subset.AsSpan(0, m);
        var otherValues = ws.Other.AsSpan(0, m);
        var gm = ws.OtherGauss.AsSpan(0, m);
        Ranking.GaussianRanks(otherValues, gm, ws.Ranks);
        Span<double> gp;
        if (m == n)
        {
            gp = ws.PredGauss.AsSpan(0, n);
        }
        else
        {
            var sub = ws.Work.AsSpan(0, m);
            for (var k = 0; k < m; k++)
            {
                sub[k] = ws.Pred[subset[k]];
            }

            gp = ws.SubsetPredGauss.AsSpan(0, m);
            Ranking.GaussianRanks(sub, gp, ws.Ranks);
        }

        // orthogonalize gp against gm (through the origin)
        double pm = 0, mm = 0;
        for (var k = 0; k < m; k++)
        {
            pm += gp[k] * gm[k];
            mm += gm[k] * gm[k];
        }

        var factor = pm / mm;

        // targets of these rows, ×4 when all lie in [0, 1], centred on these rows
        var allUnit = true;
        var tSum = 0.0;
        for (var k = 0; k < m; k++)
        {
            var t = ws.Target[subset[k]];
            allUnit &= t >= 0 && t <= 1;
            tSum += t;
        }

        var scale = allUnit ? 4.0 : 1.0;
        var tMean = scale * tSum / m;
        var dot = 0.0;
        for (var k = 0; k < m; k++)
        {
            var tc = (scale * ws.Target[subset[k]]) - tMean;
            dot += tc * (gp[k] - (gm[k] * factor));
        }

        var contribution = dot / m;

        // numerai_corr(predictions, other): the other model plays the target (centred on its era mean, ^1.5)
        var otherMean = otherSum / available;
        var x = ws.Work.AsSpan(0, m);
        var y = ws.Work2.AsSpan(0, m);
        for (var k = 0; k < m; k++)
        {
            x[k] = Stats.Pow15(gp[k]);
            y[k] = Stats.Pow15(otherValues[k] - otherMean);
        }

        return (contribution, Stats.Pearson(x, y));
    }

    private static (double Max, int Index) MaxExposure(EraWorkspace ws, ReadOnlySpan<double> pred)
    {
        var nz = ws.Neutralizer;
        var n = nz.Rows;
        var mean = Stats.Mean(pred);
        var centred = ws.Work.AsSpan(0, n);
        var ss = 0.0;
        for (var i = 0; i < n; i++)
        {
            centred[i] = pred[i] - mean;
            ss += centred[i] * centred[i];
        }

        var best = double.NaN;
        var bestIndex = -1;
        if (ss == 0)
        {
            return (best, bestIndex);
        }

        for (var j = 0; j < nz.Features; j++)
        {
            var s = nz.ColumnSums[j];
            var varianceTimesN = (double)((n * nz.SumOfSquares(j)) - (s * s)) / n;
            if (varianceTimesN <= 0)
            {
                continue;
            }

            var rho = Math.Abs(nz.Dot(j, centred) / Math.Sqrt(varianceTimesN * ss));
            if (bestIndex < 0 || rho > best)
            {
                best = rho;
                bestIndex = j;
            }
        }

        return (best, bestIndex);
    }

    private static double FeatureNeutralCorr(EraWorkspace ws, ReadOnlySpan<double> gp, ReadOnlySpan<double> targetTerm)
    {
        var n = gp.Length;
        var first = gp[0];
        var constant = true;
        foreach (var v in gp)
        {
            constant &= v == first;
        }

        if (constant)
        {
            return double.NaN;
        }

        var z = ws.Work.AsSpan(0, n);
        ws.Neutralizer.Neutralize(gp, z);
        var gz = ws.Work2.AsSpan(0, n);
        Ranking.GaussianRanks(z, gz, ws.Ranks);
        Stats.Pow15(gz);
        return Stats.Pearson(gz, targetTerm);
    }
}
