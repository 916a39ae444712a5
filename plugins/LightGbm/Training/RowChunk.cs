namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>A chunk of consecutive rows: <paramref name="Features"/> holds <paramref name="Rows"/> rows of bytes, row-major.</summary>
internal readonly record struct RowChunk(ReadOnlyMemory<byte> Features, int Rows);
