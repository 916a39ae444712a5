using System.Runtime.InteropServices;
using Parquet;
using Parquet.Schema;

namespace NumeraiPipeline.Numerai.Data.Synthetic;

/// <summary>Parquet.Net's writer: plain nullable INT(8) features, one page per column chunk.</summary>
internal sealed class ParquetNetDataWriter : IDataFileWriter
{
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly DataField<string>[] _strings;
    private readonly DataField<sbyte?>[] _features;
    private readonly DataField<float?>[] _targets;

    private ParquetNetDataWriter(FileStream stream, ParquetWriter writer, DataField<string>[] strings, DataField<sbyte?>[] features, DataField<float?>[] targets)
    {
        _stream = stream;
        _writer = writer;
        _strings = strings;
        _features = features;
        _targets = targets;
    }

    public static async Task<ParquetNetDataWriter> CreateAsync(string path, IReadOnlyList<string> features, IReadOnlyList<string> targets, CancellationToken ct)
    {
        DataField<string>[] strings = [new("id"), new("era"), new("data_type")];
        var featureFields = features.Select(n => new DataField<sbyte?>(n)).ToArray();
        var targetFields = targets.Select(n => new DataField<float?>(n)).ToArray();
        var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        try
        {
            var schema = new ParquetSchema([.. strings, .. featureFields, .. targetFields]);
            var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: ct).ConfigureAwait(false);
            writer.CustomMetadata = new Dictionary<string, string> { ["pandas"] = PandasMetadata.IndexOnly("id") };
            return new ParquetNetDataWriter(stream, writer, strings, featureFields, targetFields);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task WriteRowGroupAsync(RowGroupData data, CancellationToken ct)
    {
        using var rowGroup = _writer.CreateRowGroup();
        await rowGroup.WriteAsync(_strings[0], data.Ids).ConfigureAwait(false);
        await rowGroup.WriteAsync(_strings[1], data.Eras).ConfigureAwait(false);
        await rowGroup.WriteAsync(_strings[2], data.DataTypes).ConfigureAwait(false);
        var values = new sbyte[data.Rows];
        var definitions = new int[data.Rows];
        Array.Fill(definitions, 1);
        for (var j = 0; j < _features.Length; j++)
        {
            data.FillFeature(j, MemoryMarshal.AsBytes(values.AsSpan()));
            await rowGroup.WriteAllPartsAsync<sbyte>(_features[j], values, definitions, null, ct).ConfigureAwait(false);
        }

        for (var t = 0; t < _targets.Length; t++)
        {
            await rowGroup.WriteAsync<float>(_targets[t], data.Targets[t].AsMemory(), null, null, ct).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
