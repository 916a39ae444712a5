namespace NumeraiPipeline.Numerai.Data.Synthetic;

/// <summary>The columns of one row group of a synthetic data file; features are filled on demand, one column at a time.</summary>
/// <param name="Rows">Rows in the row group.</param>
/// <param name="Ids">Row ids.</param>
/// <param name="Eras">Row eras.</param>
/// <param name="DataTypes">Row data types.</param>
/// <param name="FillFeature">Writes feature <c>j</c>'s values (0..4) of every row.</param>
/// <param name="Targets">Target columns in <see cref="SyntheticModel.Targets"/> order (null where unlabelled).</param>
internal sealed record RowGroupData(int Rows, string[] Ids, string[] Eras, string[] DataTypes, Action<int, Span<byte>> FillFeature, float?[][] Targets);
