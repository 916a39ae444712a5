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
}
