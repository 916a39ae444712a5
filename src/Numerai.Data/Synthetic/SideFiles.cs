namespace NumeraiPipeline.Numerai.Data.Synthetic;

/// <summary>The prediction files written alongside a data file: meta model and benchmark (validation), example predictions (live).</summary>
internal sealed class SideFiles(SideFile? metaModel, SideFile? benchmark, SideFile? example)
{
    public async Task WriteAsync(SyntheticModel model, IReadOnlyList<SyntheticEra> group, string[] ids, string[] eras, double[] average, CancellationToken ct)
    {
        var bench = new double[ids.Length];
        var example1 = new double[ids.Length];
        var metaIds = new List<string>();
        var metaEras = new List<string>();
        var metaValues = new List<double>();
        var offset = 0;
        foreach (var era in group)
        {
            var avg = average.AsSpan(offset, era.Rows).ToArray();
            SyntheticModel.NoisyRank(avg, 1.8, model.Key(5, era.Index)).CopyTo(bench, offset);
            SyntheticModel.NoisyRank(avg, 1.5, model.Key(7, era.Index)).CopyTo(example1, offset);
            if (metaModel is not null && model.HasMetaModel(era))
            {
                metaIds.AddRange(ids.AsSpan(offset, era.Rows));
                metaEras.AddRange(eras.AsSpan(offset, era.Rows));
                metaValues.AddRange(SyntheticModel.NoisyRank(avg, 1.2, model.Key(6, era.Index)));
            }

            offset += era.Rows;
        }

        if (benchmark is not null)
        {
            await benchmark.WriteAsync(ids, eras, bench, ct).ConfigureAwait(false);
        }

        if (example is not null)
        {
            await example.WriteAsync(ids, eras, example1, ct).ConfigureAwait(false);
        }

        if (metaModel is not null)
        {
            await metaModel.WriteAsync(metaIds, metaEras, metaValues.ToArray(), ct).ConfigureAwait(false);
        }
    }
}
