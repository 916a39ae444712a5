using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.Numerai.Data.Synthetic;

/// <summary>A prediction-shaped parquet (id, optional era, one double column) written row group by row group.</summary>
internal sealed class SideFile : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly DataField<string> _id = new("id");
    private readonly DataField<string>? _era;
    private readonly DataField<double?> _value;

    private ParquetWriter _writer = null!;

    private SideFile(FileStream stream, string column, bool withEra)
    {
        _stream = stream;
        _era = withEra ? new DataField<string>("era") : null;
        _value = new DataField<double?>(column);
    }

    public static async Task<SideFile> CreateAsync(string path, string column, bool withEra, CancellationToken ct)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        var file = new SideFile(stream, column, withEra);
        var fields = new List<Field> { file._id };
        if (file._era is not null)
        {
            fields.Add(file._era);
        }

        fields.Add(file._value);
        file._writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream, cancellationToken: ct).ConfigureAwait(false);
        file._writer.CustomMetadata = new Dictionary<string, string> { ["pandas"] = PandasMetadata.IndexOnly("id") };
        return file;
    }

    public async Task WriteAsync(IReadOnlyList<string> ids, IReadOnlyList<string> eras, double[] values, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }

        using var rowGroup = _writer.CreateRowGroup();
        await rowGroup.WriteAsync(_id, ids as IReadOnlyCollection<string> ?? ids.ToArray()).ConfigureAwait(false);
        if (_era is not null)
        {
            await rowGroup.WriteAsync(_era, eras as IReadOnlyCollection<string> ?? eras.ToArray()).ConfigureAwait(false);
        }

        await rowGroup.WriteAsync<double>(_value, values.Select(v => (double?)v).ToArray().AsMemory(), null, null, ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
