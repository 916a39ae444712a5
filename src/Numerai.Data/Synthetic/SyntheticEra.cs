namespace NumeraiPipeline.Numerai.Data.Synthetic;

/// <summary>One era of a synthetic file.</summary>
/// <param name="Index">Global era index (0-based; live eras come after validation).</param>
/// <param name="Name">Era value written (<c>0001</c>, or <c>X</c> for live).</param>
/// <param name="DataType">data_type value.</param>
/// <param name="Labelled">Whether targets are known.</param>
/// <param name="Rows">Rows in the era.</param>
/// <param name="FirstRow">Row number of the era's first row within its file kind (used for ids).</param>
/// <param name="Stream">Key of the era's random streams.</param>
internal readonly record struct SyntheticEra(int Index, string Name, string DataType, bool Labelled, int Rows, long FirstRow, ulong Stream);
