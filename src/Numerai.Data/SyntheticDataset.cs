using System.ComponentModel.DataAnnotations;
using System.Runtime.InteropServices;
using NumeraiPipeline.Numerai.Data.Synthetic;
using Parquet;
using Parquet.Schema;

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
            throw new DataSchemaException(DataErrorCodes.InvalidOptions,
                "Invalid synthetic data options: " + string.Join("; ", results.Select(r => r.ErrorMessage)) + ".");
        }

        if (options.UnlabelledValidationEras > options.ValidationEras)
        {
            throw new DataSchemaException(DataErrorCodes.InvalidOptions,
                $"UnlabelledValidationEras ({options.UnlabelledValidationEras}) exceeds ValidationEras ({options.ValidationEras}).");
        }

        if (string.IsNullOrWhiteSpace(options.Version) || options.Version.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || options.Version.Contains(".."))
        {
            throw new DataSchemaException(DataErrorCodes.InvalidOptions, $"Version '{options.Version}' is not a valid folder name (use e.g. v5.2).");
        }
    }

    private static async Task<long> WriteDataAsync(SyntheticModel model, SyntheticDatasetOptions options, IReadOnlyList<SyntheticEra> eras,
        int kind, int round, string path, SideFiles? side, CancellationToken ct)
    {
        var idField = new DataField<string>("id");
        var eraField = new DataField<string>("era");
        var typeField = new DataField<string>("data_type");
        var featureFields = model.FeatureNames.Select(n => new DataField<sbyte?>(n)).ToArray();
        var targetFields = SyntheticModel.Targets.Select(n => new DataField<float?>(n)).ToArray();
        var schema = new ParquetSchema([idField, eraField, typeField, .. featureFields, .. targetFields]);
        var signalIndex = new Dictionary<int, int>();
        for (var k = 0; k < model.SignalFeatures.Length; k++)
        {
            signalIndex[model.SignalFeatures[k]] = k;
        }

        var labelledEnd = eras.Count(e => e.Labelled);
        long written = 0;
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: ct).ConfigureAwait(false);
        writer.CustomMetadata = new Dictionary<string, string> { ["pandas"] = PandasMetadata.IndexOnly("id") };

        foreach (var group in Group(eras, options.RowGroupRows))
        {
            ct.ThrowIfCancellationRequested();
            var n = group.Sum(e => e.Rows);
            var ids = new string[n];
            var eraNames = new string[n];
            var types = new string[n];
            var signal = model.SignalFeatures.Select(_ => new byte[n]).ToArray();
            var targets = SyntheticModel.Targets.Select(_ => new float?[n]).ToArray();
            var average = new double[n];
            var offset = 0;
            foreach (var era in group)
            {
                for (var i = 0; i < era.Rows; i++)
                {
                    ids[offset + i] = model.Id(kind, round, era.FirstRow + i);
                    eraNames[offset + i] = era.Name;
                    types[offset + i] = era.DataType;
                }

                for (var k = 0; k < signal.Length; k++)
                {
                    model.FillFeature(era, model.SignalFeatures[k], signal[k].AsSpan(offset, era.Rows));
                }

                var (latent, avg) = model.Scores(era, signal, offset);
                avg.CopyTo(average, offset);
                var eraPosition = eras.Count == 0 ? 0 : era.Index - eras[0].Index;
                var recent = kind == 1 && era.Labelled && eraPosition >= labelledEnd - 3;
                var values = model.TargetValues(era, latent, recent);
                for (var t = 0; t < values.Length; t++)
                {
                    for (var i = 0; i < era.Rows; i++)
                    {
                        targets[t][offset + i] = values[t][i];
                    }
                }

                offset += era.Rows;
            }

            using (var rowGroup = writer.CreateRowGroup())
            {
                await rowGroup.WriteAsync(idField, ids).ConfigureAwait(false);
                await rowGroup.WriteAsync(eraField, eraNames).ConfigureAwait(false);
                await rowGroup.WriteAsync(typeField, types).ConfigureAwait(false);
                var values = new sbyte[n];
                var definitions = new int[n];
                Array.Fill(definitions, 1);
                for (var j = 0; j < featureFields.Length; j++)
                {
                    FillColumn(model, group, j, signalIndex, signal, values);
                    await rowGroup.WriteAllPartsAsync<sbyte>(featureFields[j], values, definitions, null, ct).ConfigureAwait(false);
                }

                for (var t = 0; t < targetFields.Length; t++)
                {
                    await rowGroup.WriteAsync<float>(targetFields[t], targets[t].AsMemory(), null, null, ct).ConfigureAwait(false);
                }
            }

            if (side is not null)
            {
                await side.WriteAsync(model, group, ids, eraNames, average, ct).ConfigureAwait(false);
            }

            written += n;
        }

        return written;
    }

    private static void FillColumn(SyntheticModel model, IReadOnlyList<SyntheticEra> group, int feature, Dictionary<int, int> signalIndex, byte[][] signal, sbyte[] values)
    {
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        if (signalIndex.TryGetValue(feature, out var k))
        {
            signal[k].CopyTo(bytes);
            return;
        }

        var offset = 0;
        foreach (var era in group)
        {
            model.FillFeature(era, feature, bytes.Slice(offset, era.Rows));
            offset += era.Rows;
        }
    }

    private static IEnumerable<IReadOnlyList<SyntheticEra>> Group(IReadOnlyList<SyntheticEra> eras, int maxRows)
    {
        var current = new List<SyntheticEra>();
        var rows = 0;
        foreach (var era in eras)
        {
            if (current.Count > 0 && rows + era.Rows > maxRows)
            {
                yield return current;
                current = [];
                rows = 0;
            }

            current.Add(era);
            rows += era.Rows;
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
