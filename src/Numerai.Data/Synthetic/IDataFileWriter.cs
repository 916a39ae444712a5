namespace NumeraiPipeline.Numerai.Data.Synthetic;

/// <summary>Writes the row groups of a synthetic data file (id, era, data_type, features, targets).</summary>
internal interface IDataFileWriter : IAsyncDisposable
{
    Task WriteRowGroupAsync(RowGroupData data, CancellationToken ct);
}
