namespace NumeraiPipeline.Numerai.Data.Engines;

/// <summary>A top-level leaf column of a parquet file.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Index">The engine's index of the column (leaf index in the file's schema).</param>
/// <param name="Kind">What it holds.</param>
/// <param name="TypeName">How the file declares it, for messages (e.g. <c>INT32 Int(8, signed)</c>).</param>
internal sealed record ParquetColumn(string Name, int Index, ColumnKind Kind, string TypeName)
{
    public bool IsNumeric => Kind is not (ColumnKind.Other or ColumnKind.String);

    public bool IsString => Kind == ColumnKind.String;
}
