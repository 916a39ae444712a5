using System.ComponentModel.DataAnnotations;

namespace NumeraiPipeline.Numerai.Data;

/// <summary>
/// Sizes and seed of a synthetic Numerai dataset (<see cref="SyntheticDataset"/>). Everything written is a
/// deterministic function of these options. CLI mapping: <c>--version</c> = <see cref="Version"/>,
/// <c>--rows</c> = <see cref="TrainRows"/>, <c>--features</c> = <see cref="FeatureCount"/>,
/// <c>--eras</c> = <see cref="TrainEras"/>, <c>--seed</c> = <see cref="Seed"/>.
/// </summary>
public sealed class SyntheticDatasetOptions
{
    /// <summary>Dataset version folder name, e.g. <c>v5.2</c>; also names the benchmark column (<c>v52_lgbm_ender20</c>).</summary>
    public string Version { get; set; } = "v5.2";

    /// <summary>Total training rows (split evenly over <see cref="TrainEras"/>; validation eras get as many rows per era).</summary>
    [Range(1, int.MaxValue)]
    public int TrainRows { get; set; } = 24_000;

    /// <summary>Training eras (0001..).</summary>
    [Range(1, 9999)]
    public int TrainEras { get; set; } = 120;

    /// <summary>Validation eras, numbered after the training eras.</summary>
    [Range(0, 9999)]
    public int ValidationEras { get; set; } = 40;

    /// <summary>The last validation eras whose targets are NaN (not yet resolved).</summary>
    [Range(0, 9999)]
    public int UnlabelledValidationEras { get; set; } = 4;

    /// <summary>Feature columns (<c>feature_word_word_word</c>), int8 values 0..4.</summary>
    [Range(1, 20_000)]
    public int FeatureCount { get; set; } = 60;

    /// <summary>Rows of live.parquet (era <c>X</c>); null means the rows of one training era.</summary>
    [Range(1, int.MaxValue)]
    public int? LiveRows { get; set; }

    /// <summary>The seed of everything.</summary>
    public long Seed { get; set; } = 42;

    /// <summary>The round number: live ids and live features change with it (train/validation do not).</summary>
    [Range(0, int.MaxValue)]
    public int Round { get; set; } = 1;

    /// <summary>
    /// Row group size (rows). <see cref="SyntheticFormat.ParquetNet"/>: the largest row group, holding whole eras (at
    /// least one). <see cref="SyntheticFormat.Pyarrow"/>: every row group but the last has exactly this many rows
    /// (pyarrow 15 and later: 1 048 576; older pyarrow: the whole table, i.e. <see cref="int.MaxValue"/>).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int RowGroupRows { get; set; } = 100_000;

    /// <summary>The data files' writer and encoding (meta model, benchmark and example files are always Parquet.Net's).</summary>
    public SyntheticFormat Format { get; set; } = SyntheticFormat.ParquetNet;

    /// <summary>
    /// Scale of the planted signal: per era, the target's latent value is this times a unit-variance mix of the
    /// signal features (plus a unit normal noise). 0 gives pure noise.
    /// </summary>
    [Range(0.0, 10.0)]
    public double SignalStrength { get; set; } = 0.05;

    /// <summary>Rows per era (train and validation).</summary>
    public int RowsPerEra => Math.Max(1, TrainRows / Math.Max(1, TrainEras));
}
