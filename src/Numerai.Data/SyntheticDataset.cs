using System.ComponentModel.DataAnnotations;
using NumeraiPipeline.Numerai.Data.Synthetic;

namespace NumeraiPipeline.Numerai.Data;

/// <summary>
/// Writes synthetic Numerai-shaped data with a planted, era-varying weak signal: <c>train.parquet</c>,
/// <c>validation.parquet</c>, <c>live.parquet</c>, <c>features.json</c>, <c>meta_model.parquet</c>,
/// <c>validation_benchmark_models.parquet</c> and <c>live_example_preds.parquet</c>. Data files have the real
/// layout (string <c>id</c> with pandas index metadata, <c>era</c>, <c>data_type</c>, nullable INT(8) features,
/// nullable float targets with NaN where unlabelled). Writing streams row group by row group (a row group holds
/// whole eras), so memory stays at one row group's signal columns plus one column, whatever the file size.
/// </summary>
public static class SyntheticDataset
{
    /// <summary>Writes every file into <c>outputDirectory/&lt;version&gt;/</c> (each to a temporary name, then renamed).</summary>
    /// <exception cref="DataSchemaException">NP6606 when the options are invalid.</exception>
    public static async Task<SyntheticDatasetSummary> WriteAsync(SyntheticDatasetOptions options, string outputDirectory, CancellationToken cancellationToken = default)
    {
        Check(options);
        var model = new SyntheticModel(options);
        var directory = Path.Combine(outputDirectory, options.Version);
        Directory.CreateDirectory(directory);
        var files = new List<string>();

        await WriteTextAsync(Path.Combine(directory, "features.json"), model.Metadata().ToJson(), cancellationToken).ConfigureAwait(false);
        files.Add("features.json");

        var trainRows = await AtomicAsync(Path.Combine(directory, "train.parquet"),
            p => WriteDataAsync(model, options, model.TrainEras(), 0, 0, p, null, cancellationToken)).ConfigureAwait(false);
        files.Add("train.parquet");

        long validationRows = 0;
        if (options.ValidationEras > 0)
        {
            var metaPath = Path.Combine(directory, "meta_model.parquet");
            var benchPath = Path.Combine(directory, "validation_benchmark_models.parquet");
            var metaTemp = TempName(metaPath);
            var benchTemp = TempName(benchPath);
            try
            {
                await using (var meta = await SideFile.CreateAsync(metaTemp, "numerai_meta_model", withEra: true, cancellationToken).ConfigureAwait(false))
                await using (var bench = await SideFile.CreateAsync(benchTemp, model.BenchmarkColumn, withEra: true, cancellationToken).ConfigureAwait(false))
                {
                    validationRows = await AtomicAsync(Path.Combine(directory, "validation.parquet"),
                        p => WriteDataAsync(model, options, model.ValidationEras(), 1, 0, p, new SideFiles(meta, bench, null), cancellationToken)).ConfigureAwait(false);
                }

                File.Move(metaTemp, metaPath, overwrite: true);
                File.Move(benchTemp, benchPath, overwrite: true);
            }
            finally
            {
                File.Delete(metaTemp);
                File.Delete(benchTemp);
            }

            files.AddRange(["validation.parquet", "meta_model.parquet", "validation_benchmark_models.parquet"]);
        }

        var liveRows = await WriteLiveAsync(options, Path.Combine(directory, "live.parquet"), Path.Combine(directory, "live_example_preds.parquet"), cancellationToken).ConfigureAwait(false);
        files.AddRange(["live.parquet", "live_example_preds.parquet"]);

        return new SyntheticDatasetSummary(directory, files, trainRows, validationRows, liveRows, options.FeatureCount);
    }

    /// <summary>
    /// Writes only the live file of <see cref="SyntheticDatasetOptions.Round"/> (new ids and features each round;
    /// same feature names as the full dataset) and, when <paramref name="examplePredictionsPath"/> is given, the
    /// example predictions for it. Each file is written to a temporary name and renamed. Returns the live row count.
    /// </summary>
    public static async Task<long> WriteLiveAsync(SyntheticDatasetOptions options, string livePath, string? examplePredictionsPath = null, CancellationToken cancellationToken = default)
    {
        Check(options);
        var model = new SyntheticModel(options);
        if (examplePredictionsPath is null)
        {
            return await AtomicAsync(livePath, p => WriteDataAsync(model, options, model.LiveEras(options.Round), 2, options.Round, p, null, cancellationToken)).ConfigureAwait(false);
        }

        var temp = TempName(examplePredictionsPath);
        try
        {
            long rows;
            await using (var example = await SideFile.CreateAsync(temp, PredictionsFile.PredictionColumn, withEra: false, cancellationToken).ConfigureAwait(false))
            {
                rows = await AtomicAsync(livePath, p => WriteDataAsync(model, options, model.LiveEras(options.Round), 2, options.Round, p,
                    new SideFiles(null, null, example), cancellationToken)).ConfigureAwait(false);
            }

            File.Move(temp, examplePredictionsPath, overwrite: true);
            return rows;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The feature metadata (features.json contents) the options produce.</summary>
    public static FeatureMetadata Metadata(SyntheticDatasetOptions options)
    {
        Check(options);
        return new SyntheticModel(options).Metadata();
    }

    private static void Check(SyntheticDatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new DataSchemaException(DataErrors.InvalidOptions, "synthetic data options", string.Join("; ", results.Select(r => DataSchemaException.Reason(r.ErrorMessage))));
        }

        if (options.UnlabelledValidationEras > options.ValidationEras)
        {
            throw new DataSchemaException(DataErrors.InvalidOptions, "synthetic data options",
                $"UnlabelledValidationEras ({options.UnlabelledValidationEras}) exceeds ValidationEras ({options.ValidationEras})");
        }

        if (string.IsNullOrWhiteSpace(options.Version) || options.Version.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || options.Version.Contains(".."))
        {
            throw new DataSchemaException(DataErrors.InvalidOptions, "synthetic data options", $"Version '{options.Version}' is not a valid folder name (use e.g. v5.2)");
        }
    }

    private static async Task<long> WriteDataAsync(SyntheticModel model, SyntheticDatasetOptions options, IReadOnlyList<SyntheticEra> eras,
        int kind, int round, string path, SideFiles? side, CancellationToken ct)
    {
        var signalIndex = new Dictionary<int, int>();
        for (var k = 0; k < model.SignalFeatures.Length; k++)
        {
            signalIndex[model.SignalFeatures[k]] = k;
        }

        var labelledEnd = eras.Count(e => e.Labelled);
        var first = eras.Count == 0 ? 0 : eras[0].Index;
        var values = new Dictionary<int, EraValues>();
        EraValues Values(SyntheticEra era)
        {
            if (!values.TryGetValue(era.Index, out var v))
            {
                var recent = kind == 1 && era.Labelled && era.Index - first >= labelledEnd - 3;
                values[era.Index] = v = EraValues.Compute(model, era, recent);
            }

            return v;
        }

        long written = 0;
        await using var writer = options.Format == SyntheticFormat.Pyarrow
            ? (IDataFileWriter)ArrowDataWriter.Create(path, model.FeatureNames, SyntheticModel.Targets)
            : await ParquetNetDataWriter.CreateAsync(path, model.FeatureNames, SyntheticModel.Targets, ct).ConfigureAwait(false);
        foreach (var group in Segments(eras, options))
        {
            ct.ThrowIfCancellationRequested();
            var n = group.Sum(s => s.Count);
            var ids = new string[n];
            var eraNames = new string[n];
            var types = new string[n];
            var targets = SyntheticModel.Targets.Select(_ => new float?[n]).ToArray();
            var offset = 0;
            foreach (var (era, start, count) in group)
            {
                var v = Values(era);
                for (var i = 0; i < count; i++)
                {
                    ids[offset + i] = model.Id(kind, round, era.FirstRow + start + i);
                    eraNames[offset + i] = era.Name;
                    types[offset + i] = era.DataType;
                }

                for (var t = 0; t < targets.Length; t++)
                {
                    for (var i = 0; i < count; i++)
                    {
                        targets[t][offset + i] = v.Targets[t][start + i];
                    }
                }

                offset += count;
            }

            var eraBuffer = Array.Empty<byte>();
            void Fill(int feature, Span<byte> destination)
            {
                var at = 0;
                foreach (var (era, start, count) in group)
                {
                    var slice = destination.Slice(at, count);
                    if (signalIndex.TryGetValue(feature, out var k))
                    {
                        Values(era).Signal[k].AsSpan(start, count).CopyTo(slice);
                    }
                    else if (count == era.Rows)
                    {
                        model.FillFeature(era, feature, slice);
                    }
                    else
                    {
                        // part of an era: the era's column is a pure function of (era, feature), so make it whole and cut
                        if (eraBuffer.Length < era.Rows)
                        {
                            eraBuffer = new byte[era.Rows];
                        }

                        model.FillFeature(era, feature, eraBuffer.AsSpan(0, era.Rows));
                        eraBuffer.AsSpan(start, count).CopyTo(slice);
                    }

                    at += count;
                }
            }

            await writer.WriteRowGroupAsync(new RowGroupData(n, ids, eraNames, types, Fill, targets), ct).ConfigureAwait(false);
            written += n;

            // eras that end in this row group are complete: their prediction-file rows go out and their values go
            var done = group.Where(s => s.Start + s.Count == s.Era.Rows).Select(s => s.Era).ToList();
            if (side is not null && done.Count > 0)
            {
                var rows = done.Sum(e => e.Rows);
                var doneIds = new string[rows];
                var doneEras = new string[rows];
                var average = new double[rows];
                var at = 0;
                foreach (var era in done)
                {
                    for (var i = 0; i < era.Rows; i++)
                    {
                        doneIds[at + i] = model.Id(kind, round, era.FirstRow + i);
                        doneEras[at + i] = era.Name;
                    }

                    Values(era).Average.CopyTo(average, at);
                    at += era.Rows;
                }

                await side.WriteAsync(model, done, doneIds, doneEras, average, ct).ConfigureAwait(false);
            }

            foreach (var era in done)
            {
                values.Remove(era.Index);
            }
        }

        return written;
    }

    /// <summary>
    /// The row groups as pieces of eras (era, first row in the era, rows): whole eras up to the size for Parquet.Net's
    /// layout, exact cuts for pyarrow's.
    /// </summary>
    private static IEnumerable<List<(SyntheticEra Era, int Start, int Count)>> Segments(IReadOnlyList<SyntheticEra> eras, SyntheticDatasetOptions options)
    {
        var maxRows = options.RowGroupRows;
        var current = new List<(SyntheticEra, int, int)>();
        var rows = 0;
        foreach (var era in eras)
        {
            if (options.Format == SyntheticFormat.ParquetNet)
            {
                if (current.Count > 0 && rows + era.Rows > maxRows)
                {
                    yield return current;
                    current = [];
                    rows = 0;
                }

                current.Add((era, 0, era.Rows));
                rows += era.Rows;
                continue;
            }

            var start = 0;
            while (start < era.Rows)
            {
                var count = Math.Min(era.Rows - start, maxRows - rows);
                current.Add((era, start, count));
                rows += count;
                start += count;
                if (rows == maxRows)
                {
                    yield return current;
                    current = [];
                    rows = 0;
                }
            }
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    private static async Task<long> AtomicAsync(string path, Func<string, Task<long>> write)
    {
        var temp = TempName(path);
        try
        {
            var result = await write(temp).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task WriteTextAsync(string path, string text, CancellationToken ct)
    {
        var temp = TempName(path);
        try
        {
            await File.WriteAllTextAsync(temp, text, ct).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string TempName(string path) => path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
}
