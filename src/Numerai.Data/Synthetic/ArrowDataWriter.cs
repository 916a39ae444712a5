using Apache.Arrow;
using Apache.Arrow.Types;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace NumeraiPipeline.Numerai.Data.Synthetic;

/// <summary>
/// Arrow C++'s parquet writer through ParquetSharp, set up as pyarrow's <c>DataFrame.to_parquet</c> leaves it:
/// nullable int8 features and float32 targets, dictionary encoding, snappy, format 2.6, the Arrow schema stored in
/// the file (<c>ARROW:schema</c>) and pandas metadata naming <c>id</c> as the index.
/// </summary>
internal sealed class ArrowDataWriter : IDataFileWriter
{
    private readonly FileWriter _writer;
    private readonly WriterProperties _properties;
    private readonly ArrowWriterProperties _arrowProperties;
    private readonly int _features;

    private ArrowDataWriter(FileWriter writer, WriterProperties properties, ArrowWriterProperties arrowProperties, int features)
    {
        _writer = writer;
        _properties = properties;
        _arrowProperties = arrowProperties;
        _features = features;
    }

    public static ArrowDataWriter Create(string path, IReadOnlyList<string> features, IReadOnlyList<string> targets)
    {
        var fields = new List<Field>
        {
            new("id", StringType.Default, nullable: true),
            new("era", StringType.Default, nullable: true),
            new("data_type", StringType.Default, nullable: true),
        };
        fields.AddRange(features.Select(f => new Field(f, Int8Type.Default, nullable: true)));
        fields.AddRange(targets.Select(t => new Field(t, FloatType.Default, nullable: true)));
        var metadata = new Dictionary<string, string> { ["pandas"] = PandasMetadata.Full("id", ["era", "data_type"], features, targets) };
        var schema = new Schema(fields, metadata);
        var properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).Build();
        var arrowProperties = new ArrowWriterPropertiesBuilder().StoreSchema().Build();
        try
        {
            return new ArrowDataWriter(new FileWriter(path, schema, properties, arrowProperties), properties, arrowProperties, features.Count);
        }
        catch
        {
            properties.Dispose();
            arrowProperties.Dispose();
            throw;
        }
    }

    public Task WriteRowGroupAsync(RowGroupData data, CancellationToken ct)
    {
        var n = data.Rows;
        _writer.NewRowGroup();
        WriteStrings(data.Ids);
        WriteStrings(data.Eras);
        WriteStrings(data.DataTypes);
        var values = new byte[n];
        for (var j = 0; j < _features; j++)
        {
            ct.ThrowIfCancellationRequested();
            data.FillFeature(j, values);

            // no validity bitmap: every value present, as pandas' int8 columns come to pyarrow
            using var column = new Int8Array(new ArrowBuffer(values), ArrowBuffer.Empty, n, 0, 0);
            _writer.WriteColumnChunk(column);
        }

        // pandas' NaN becomes null on its way into Arrow (Table.from_pandas), so unlabelled targets are nulls
        foreach (var target in data.Targets)
        {
            var builder = new FloatArray.Builder().Reserve(n);
            foreach (var v in target)
            {
                if (v is { } x && !float.IsNaN(x))
                {
                    builder.Append(x);
                }
                else
                {
                    builder.AppendNull();
                }
            }

            using var column = builder.Build();
            _writer.WriteColumnChunk(column);
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _writer.Close();
        _writer.Dispose();
        _properties.Dispose();
        _arrowProperties.Dispose();
        return ValueTask.CompletedTask;
    }

    private void WriteStrings(string[] values)
    {
        var builder = new StringArray.Builder();
        foreach (var v in values)
        {
            builder.Append(v);
        }

        using var column = builder.Build();
        _writer.WriteColumnChunk(column);
    }
}
