namespace NumeraiPipeline.Numerai.Data.Synthetic;

/// <summary>
/// The generative model of the synthetic dataset: feature names, which features carry signal, per-era weights,
/// per-era feature columns, targets and the derived prediction files. Every value is a pure function of the options.
/// </summary>
internal sealed class SyntheticModel
{
    public static readonly string[] AuxiliaryTargets = ["target_ender_20", "target_cyrusd_20", "target_ender_60", "target_cyrusd_60", "target_teager2b_20"];

    private static readonly string[] Words =
    [
        "amber", "basalt", "cobalt", "dune", "ember", "fjord", "glacier", "harbor", "indigo", "juniper", "kestrel",
        "lagoon", "meadow", "nickel", "orchid", "pewter", "quartz", "russet", "saffron", "tundra", "umber", "violet",
        "willow", "zephyr", "acorn", "bramble", "cinder", "delta", "egret", "falcon", "garnet", "heron", "iris", "jasper",
        "kelp", "lichen", "marble", "nectar", "onyx", "pollen", "quill", "raven", "sable", "thistle", "urchin", "vellum",
        "walnut", "yarrow", "alder", "birch", "cedar", "dahlia", "elm", "fennel", "ginger", "hazel", "ivy", "jade",
        "kale", "larch", "maple", "nutmeg", "olive", "poplar",
    ];

    private readonly SyntheticDatasetOptions _options;
    private readonly ulong _root;
    private readonly double[] _baseWeights;
    private readonly double _baseNorm;

    public SyntheticModel(SyntheticDatasetOptions options)
    {
        _options = options;
        _root = SplitMix.Mix((ulong)options.Seed ^ 0x5DEECE66DUL);
        FeatureNames = MakeNames(options.FeatureCount, SplitMix.Key(_root, 1));
        var signal = new List<int>();
        for (var j = 0; j < options.FeatureCount && signal.Count < 100; j += 4)
        {
            signal.Add(j);
        }

        SignalFeatures = signal.ToArray();
        var rng = new SplitMix(SplitMix.Key(_root, 2));
        _baseWeights = new double[SignalFeatures.Length];
        for (var k = 0; k < _baseWeights.Length; k++)
        {
            _baseWeights[k] = (rng.NextDouble() < 0.5 ? -1 : 1) * (0.5 + rng.NextDouble());
        }

        _baseNorm = Math.Sqrt(_baseWeights.Sum(w => w * w));
        BenchmarkColumn = "v" + new string(options.Version.Where(char.IsDigit).ToArray()) + "_lgbm_ender20";
    }

    public string[] FeatureNames { get; }

    /// <summary>Indexes of the features that carry the planted signal (every 4th, at most 100).</summary>
    public int[] SignalFeatures { get; }

    public string BenchmarkColumn { get; }

    public static string[] Targets => ["target", .. AuxiliaryTargets];

    public FeatureMetadata Metadata()
    {
        var all = FeatureNames;
        var small = all.Where((_, j) => j % 16 == 0).ToArray();
        var medium = all.Where((_, j) => j % 16 == 0 || j % 7 == 0 || j % 7 == 3).ToArray();
        var sets = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["small"] = small,
            ["medium"] = medium,
            ["all"] = all,
        };
        string[] groups = ["intelligence", "wisdom", "charisma", "dexterity", "strength", "constitution", "agility", "serenity"];
        for (var g = 0; g < groups.Length; g++)
        {
            sets[groups[g]] = all.Where((_, j) => j % groups.Length == g).ToArray();
        }

        return new FeatureMetadata(sets, Targets);
    }

    public IReadOnlyList<SyntheticEra> TrainEras() => Eras(0, _options.TrainEras, "train", 0, _options.TrainEras);

    public IReadOnlyList<SyntheticEra> ValidationEras() =>
        Eras(_options.TrainEras, _options.ValidationEras, "validation", 1, _options.ValidationEras - _options.UnlabelledValidationEras);

    public IReadOnlyList<SyntheticEra> LiveEras(int round)
    {
        var rows = _options.LiveRows ?? _options.RowsPerEra;
        var index = _options.TrainEras + _options.ValidationEras + round;
        return [new SyntheticEra(index, "X", "live", false, rows, 0, SplitMix.Key(_root, 3, 2, round))];
    }

    /// <summary>Whether the meta model covers a validation era (the second half of validation, as the real file covers only recent eras).</summary>
    public bool HasMetaModel(SyntheticEra era) => era.Index >= _options.TrainEras + (_options.ValidationEras / 2);

    /// <summary>The id of a row: "n" + 15 hex digits, unique across train/validation/live of all rounds.</summary>
    public string Id(int kind, int round, long row)
    {
        // A 60-bit counter (kind, round, row) pushed through a bijection of 60-bit numbers keeps ids unique.
        const ulong Mask = (1UL << 60) - 1;
        var x = (((ulong)kind & 0x3) << 58) | (((ulong)round & 0xFFFFF) << 38) | ((ulong)row & ((1UL << 38) - 1));
        x ^= _root & Mask;
        x = (x * 0x9E3779B97F4A7C15UL) & Mask;
        x ^= x >> 29;
        x = (x * 0xBF58476D1CE4E5B9UL) & Mask;
        x ^= x >> 32;
        return "n" + x.ToString("x15");
    }

    /// <summary>Fills one feature column of one era (values 0..4).</summary>
    public void FillFeature(SyntheticEra era, int feature, Span<byte> destination)
    {
        var rng = new SplitMix(SplitMix.Key(era.Stream, 10, feature));
        rng.FillBins(destination);
        // As in v5 data, a feature unavailable for an era is 2 on every row of that era (rare, never a signal feature).
        if (feature % 4 != 0 && new SplitMix(SplitMix.Key(era.Stream, 11, feature)).NextDouble() < 0.005)
        {
            destination.Fill(2);
        }
    }

    /// <summary>
    /// The latent score of each row of an era (true per-era weights) and the meta score (long-run average weights),
    /// both unit-scale, from the signal feature columns of the era.
    /// </summary>
    public (double[] Latent, double[] Average) Scores(SyntheticEra era, IReadOnlyList<byte[]> signalColumns, int offset)
    {
        var weights = new double[_baseWeights.Length];
        var rng = new SplitMix(SplitMix.Key(_root, 4, era.Index));
        var regime = 1.0 + (0.5 * rng.NextGaussian());
        for (var k = 0; k < weights.Length; k++)
        {
            weights[k] = _baseWeights[k] * (regime + (0.7 * rng.NextGaussian()));
        }

        var latent = new double[era.Rows];
        var average = new double[era.Rows];
        const double Scale = 0.70710678118654752; // (value - 2) / sqrt(2): unit variance for uniform 0..4
        for (var i = 0; i < era.Rows; i++)
        {
            double l = 0, a = 0;
            for (var k = 0; k < weights.Length; k++)
            {
                var z = (signalColumns[k][offset + i] - 2) * Scale;
                l += weights[k] * z;
                a += _baseWeights[k] * z;
            }

            if (signalColumns.Count >= 2)
            {
                // A small interaction that trees can pick up and a linear model cannot.
                var z0 = (signalColumns[0][offset + i] - 2) * Scale;
                var z1 = (signalColumns[1][offset + i] - 2) * Scale;
                l += 0.5 * _baseNorm * z0 * z1;
                a += 0.5 * _baseNorm * z0 * z1;
            }

            latent[i] = l / _baseNorm;
            average[i] = a / _baseNorm;
        }

        return (latent, average);
    }

    /// <summary>Main and auxiliary target columns of an era (5 bins, NaN when unlabelled).</summary>
    public float[][] TargetValues(SyntheticEra era, double[] latent, bool lastLabelledEras)
    {
        var targets = new float[Targets.Length][];
        if (!era.Labelled)
        {
            for (var t = 0; t < targets.Length; t++)
            {
                targets[t] = new float[era.Rows];
                Array.Fill(targets[t], float.NaN);
            }

            return targets;
        }

        var s = _options.SignalStrength;
        var rng = new SplitMix(SplitMix.Key(era.Stream, 20));
        var y = new double[era.Rows];
        for (var i = 0; i < era.Rows; i++)
        {
            y[i] = (s * latent[i]) + rng.NextGaussian();
        }

        var main = Bin(y);
        targets[0] = main;
        targets[1] = (float[])main.Clone(); // target is an alias of target_ender_20
        double[] loadings = [0.8, 0.7, 0.6];
        for (var a = 0; a < loadings.Length; a++)
        {
            var noise = new SplitMix(SplitMix.Key(era.Stream, 21, a));
            var ya = new double[era.Rows];
            for (var i = 0; i < era.Rows; i++)
            {
                ya[i] = (loadings[a] * y[i]) + (0.6 * noise.NextGaussian());
            }

            var binned = Bin(ya);
            if (a >= 1 && lastLabelledEras)
            {
                Array.Fill(binned, float.NaN); // 60-day targets are not resolved yet for the latest labelled eras
            }

            targets[2 + a] = binned;
        }

        // a fourth 20-day auxiliary target (appended last, on a stream of its own, so the others are unchanged)
        var teager = new SplitMix(SplitMix.Key(era.Stream, 21, 3));
        var yt = new double[era.Rows];
        for (var i = 0; i < era.Rows; i++)
        {
            yt[i] = (0.75 * y[i]) + (0.6 * teager.NextGaussian());
        }

        targets[2 + loadings.Length] = Bin(yt);
        return targets;
    }

    /// <summary>A prediction in (0, 1): per-era rank of the average score plus noise of the given size.</summary>
    public static double[] NoisyRank(double[] average, double noise, ulong key)
    {
        var rng = new SplitMix(key);
        var v = new double[average.Length];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = average[i] + (noise * rng.NextGaussian());
        }

        var order = Enumerable.Range(0, v.Length).ToArray();
        Array.Sort(v.ToArray(), order);
        var result = new double[v.Length];
        for (var r = 0; r < order.Length; r++)
        {
            result[order[r]] = (r + 0.5) / order.Length;
        }

        return result;
    }

    public ulong Key(long a, long b = 0, long c = 0) => SplitMix.Key(_root, a, b, c);

    private static float[] Bin(double[] y)
    {
        var order = Enumerable.Range(0, y.Length).ToArray();
        Array.Sort(y.ToArray(), order);
        var result = new float[y.Length];
        for (var r = 0; r < order.Length; r++)
        {
            var q = (r + 0.5) / order.Length;
            result[order[r]] = q < 0.05 ? 0f : q < 0.25 ? 0.25f : q < 0.75 ? 0.5f : q < 0.95 ? 0.75f : 1f;
        }

        return result;
    }

    private IReadOnlyList<SyntheticEra> Eras(int first, int count, string dataType, int kind, int labelled)
    {
        var rows = _options.RowsPerEra;
        var eras = new List<SyntheticEra>(count);
        for (var e = 0; e < count; e++)
        {
            var index = first + e;
            eras.Add(new SyntheticEra(index, (index + 1).ToString("0000"), dataType, e < labelled, rows, (long)e * rows,
                SplitMix.Key(_root, 3, kind, index)));
        }

        return eras;
    }

    private static string[] MakeNames(int count, ulong key)
    {
        var rng = new SplitMix(key);
        var names = new List<string>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < count)
        {
            var name = $"feature_{Words[rng.NextInt(Words.Length)]}_{Words[rng.NextInt(Words.Length)]}_{Words[rng.NextInt(Words.Length)]}";
            if (seen.Count >= Words.Length * Words.Length * Words.Length)
            {
                name += "_" + names.Count;
            }

            if (seen.Add(name))
            {
                names.Add(name);
            }
        }

        return names.ToArray();
    }
}
