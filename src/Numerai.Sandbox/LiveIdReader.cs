using Parquet;

namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>Reads the <c>id</c> column of a live parquet file (the ids a submission must cover).</summary>
internal static class LiveIdReader
{
    public static async Task<IReadOnlySet<string>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
        var field = reader.Schema.GetDataFields().FirstOrDefault(f => f.Name == "id")
            ?? throw new InvalidDataException($"'{Path.GetFileName(path)}' has no 'id' column");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var buffer = new string?[group.RowCount];
            await group.ReadAsync(field, buffer.AsMemory(), null, cancellationToken);
            foreach (var id in buffer)
            {
                if (id is not null)
                {
                    ids.Add(id);
                }
            }
        }

        return ids;
    }

    /// <summary>Reads <c>id</c> and <c>target</c> (float or double) into a map.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> ReadTargetsAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
        var fields = reader.Schema.GetDataFields();
        var idField = fields.First(f => f.Name == "id");
        var targetField = fields.First(f => f.Name == "target");
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var ids = new string?[group.RowCount];
            await group.ReadAsync(idField, ids.AsMemory(), null, cancellationToken);
            var values = new double[group.RowCount];
            if (targetField.ClrType == typeof(float))
            {
                var floats = new float?[group.RowCount];
                await group.ReadAsync<float>(targetField, floats.AsMemory(), null, cancellationToken);
                for (var i = 0; i < floats.Length; i++)
                {
                    values[i] = floats[i] ?? double.NaN;
                }
            }
            else
            {
                var doubles = new double?[group.RowCount];
                await group.ReadAsync<double>(targetField, doubles.AsMemory(), null, cancellationToken);
                for (var i = 0; i < doubles.Length; i++)
                {
                    values[i] = doubles[i] ?? double.NaN;
                }
            }

            for (var i = 0; i < ids.Length; i++)
            {
                if (ids[i] is { } id)
                {
                    map[id] = values[i];
                }
            }
        }

        return map;
    }
}
