namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>
/// A chunk of consecutive rows: <paramref name="Features"/> holds <paramref name="Rows"/> rows of <paramref name="Width"/>
/// bytes, row-major: the features <paramref name="FeatureOffset"/> .. <paramref name="FeatureOffset"/> + Width - 1 of the
/// rows <paramref name="FirstRow"/> .. FirstRow + Rows - 1 (a whole row when Width is the source's feature count).
/// </summary>
internal readonly record struct RowChunk(ReadOnlyMemory<byte> Features, int Rows, long FirstRow, int FeatureOffset, int Width);
