namespace NumeraiPipeline.Numerai.Data;

/// <summary>Helpers over sequences of <see cref="DataBlock"/>s.</summary>
public static class DataBlocks
{
    /// <summary>Joins blocks read with the same spec into one block (rows in order).</summary>
    public static DataBlock Concat(IReadOnlyList<DataBlock> blocks, ReadSpec spec)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(spec);
        if (blocks.Count == 1)
        {
            return blocks[0];
        }

        var featureCount = spec.Features.Count;
        var rows = blocks.Sum(b => b.RowCount);
        var features = new byte[(long)rows * featureCount];
        var ids = new List<string>(rows);
        var eras = new List<string>(rows);
        var target = spec.Target is null ? null : new float[rows];
        var extras = spec.ExtraFloatColumns.ToDictionary(c => c, _ => new float[rows], StringComparer.Ordinal);
        var offset = 0;
        foreach (var block in blocks)
        {
            Array.Copy(block.Features, 0, features, (long)offset * featureCount, (long)block.RowCount * featureCount);
            ids.AddRange(block.Ids);
            eras.AddRange(block.Eras);
            block.Target?.CopyTo(target!, offset);
            foreach (var (name, values) in block.Extras)
            {
                values.CopyTo(extras[name], offset);
            }

            offset += block.RowCount;
        }

        return new DataBlock(rows, featureCount, features, ids.ToArray(), eras.ToArray(), target, extras);
    }
}
