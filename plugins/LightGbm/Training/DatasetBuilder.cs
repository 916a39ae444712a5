using System.Runtime.InteropServices;
using NumeraiPipeline.Plugins.LightGbm.Native;

namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>
/// Builds LightGBM Datasets from int8 rows without ever holding the whole matrix as float32: LightGBM's own row
/// sample (LGBM_SampleIndices, the sample LGBM_DatasetCreateFromMat would draw) gives the bin boundaries
/// (LGBM_DatasetCreateFromSampledColumn), then the rows are converted and pushed chunk by chunk into the binned
/// Dataset (LGBM_DatasetPushRows) through one reused float32 buffer.
/// </summary>
internal static unsafe class DatasetBuilder
{
    /// <summary>Upper bound of the float32 push buffer in bytes.</summary>
    private const long PushBufferBytes = 64L << 20;

    /// <summary>Chunks at least this big are collected right after they are pushed.</summary>
    private const int LargeChunkBytes = 16 << 20;

    /// <summary>Builds a training Dataset chunk by chunk.</summary>
    public static SafeDatasetHandle BuildStreamed(IRowSource source, ReadOnlySpan<float> labels, string parameters, CancellationToken cancellationToken)
    {
        var rows = source.Rows;
        var width = source.FeatureNames.Count;
        CheckShape(rows, width, labels.Length);

        var sample = SampleIndices(rows, parameters);
        var dataset = CreateFromSample(source, sample, parameters, cancellationToken);
        try
        {
            PushAll(dataset, source, cancellationToken);
            SetFeatureNames(dataset, source.FeatureNames);
            SetLabels(dataset, labels);
            return dataset;
        }
        catch
        {
            dataset.Dispose();
            throw;
        }
    }

    /// <summary>Builds a Dataset (for validation) that shares the bins of <paramref name="reference"/>, chunk by chunk.</summary>
    public static SafeDatasetHandle BuildByReference(SafeDatasetHandle reference, IRowSource source, ReadOnlySpan<float> labels, CancellationToken cancellationToken)
    {
        CheckShape(source.Rows, source.FeatureNames.Count, labels.Length);
        Lgbm.Check(NativeMethods.LGBM_DatasetCreateByReference(reference, source.Rows, out var raw), "LGBM_DatasetCreateByReference");
        var dataset = new SafeDatasetHandle(raw);
        try
        {
            PushAll(dataset, source, cancellationToken);
            SetLabels(dataset, labels);
            return dataset;
        }
        catch
        {
            dataset.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The plain way, for comparison: the whole matrix as one float32 array through LGBM_DatasetCreateFromMat.
    /// Needs 4 bytes per value; used by tests and the benchmark only.
    /// </summary>
    public static SafeDatasetHandle BuildFromWholeMatrix(IRowSource source, ReadOnlySpan<float> labels, string parameters, CancellationToken cancellationToken)
    {
        var rows = source.Rows;
        var width = source.FeatureNames.Count;
        CheckShape(rows, width, labels.Length);
        var all = new float[(long)rows * width];
        long offset = 0;
        foreach (var chunk in source.ReadChunks(cancellationToken))
        {
            Int8Features.ToFloat32(chunk.Features.Span, all.AsSpan((int)offset, chunk.Features.Length));
            offset += chunk.Features.Length;
        }

        nint raw;
        fixed (float* p = all)
        {
            Lgbm.Check(NativeMethods.LGBM_DatasetCreateFromMat(p, NativeMethods.DtypeFloat32, rows, width, 1, parameters, 0, out raw), "LGBM_DatasetCreateFromMat");
        }

        var dataset = new SafeDatasetHandle(raw);
        SetFeatureNames(dataset, source.FeatureNames);
        SetLabels(dataset, labels);
        return dataset;
    }

    /// <summary>The row indices LightGBM samples for bin construction (ascending), from the dataset parameters.</summary>
    public static int[] SampleIndices(int rows, string parameters)
    {
        Lgbm.Check(NativeMethods.LGBM_GetSampleCount(rows, parameters, out var count), "LGBM_GetSampleCount");
        var indices = new int[Math.Max(count, 1)];
        int len;
        fixed (int* p = indices)
        {
            Lgbm.Check(NativeMethods.LGBM_SampleIndices(rows, parameters, p, out len), "LGBM_SampleIndices");
        }

        return indices[..len];
    }

    private static void CheckShape(int rows, int width, int labelCount)
    {
        if (rows <= 0 || width <= 0)
        {
            throw new ArgumentException($"no data: {rows} rows x {width} features");
        }

        if (labelCount != rows)
        {
            throw new ArgumentException($"{labelCount} labels for {rows} rows");
        }
    }

    private static SafeDatasetHandle CreateFromSample(IRowSource source, int[] sample, string parameters, CancellationToken cancellationToken)
    {
        var width = source.FeatureNames.Count;

        // 1) copy the sampled rows' bytes (sample x width bytes) while walking the chunks
        var sampled = new byte[(long)sample.Length * width];
        var next = 0;
        var rowStart = 0;
        foreach (var chunk in source.ReadChunks(cancellationToken))
        {
            var span = chunk.Features.Span;
            while (next < sample.Length && sample[next] < rowStart + chunk.Rows)
            {
                span.Slice((sample[next] - rowStart) * width, width).CopyTo(sampled.AsSpan((int)((long)next * width), width));
                next++;
            }

            rowStart += chunk.Rows;
            if (chunk.Features.Length >= LargeChunkBytes)
            {
                ReleaseGarbage(aggressive: false);
            }

            if (next == sample.Length)
            {
                break;
            }
        }

        if (next != sample.Length)
        {
            throw new InvalidOperationException($"the row source yielded fewer rows than its {source.Rows} announced");
        }

        // 2) per column, the non-zero (and missing) sampled values and their positions in the sample, as LightGBM's own
        //    LGBM_DatasetCreateFromMat collects them
        var counts = new int[width];
        for (var s = 0; s < sample.Length; s++)
        {
            var row = sampled.AsSpan((int)((long)s * width), width);
            for (var c = 0; c < width; c++)
            {
                if (row[c] != 0)
                {
                    counts[c]++;
                }
            }
        }

        // The sampling pass left the parquet blocks it walked as garbage; return it to the OS before LightGBM
        // allocates the sample columns and the binned Dataset, so the two do not add up at the peak.
        ReleaseGarbage(aggressive: true);

        var values = (double**)NativeMemory.AllocZeroed((nuint)width, (nuint)sizeof(nint));
        var positions = (int**)NativeMemory.AllocZeroed((nuint)width, (nuint)sizeof(nint));
        try
        {
            for (var c = 0; c < width; c++)
            {
                values[c] = (double*)NativeMemory.Alloc((nuint)Math.Max(counts[c], 1), sizeof(double));
                positions[c] = (int*)NativeMemory.Alloc((nuint)Math.Max(counts[c], 1), sizeof(int));
            }

            var filled = new int[width];
            for (var s = 0; s < sample.Length; s++)
            {
                var row = sampled.AsSpan((int)((long)s * width), width);
                for (var c = 0; c < width; c++)
                {
                    var b = row[c];
                    if (b != 0)
                    {
                        var k = filled[c]++;
                        values[c][k] = Int8Features.ToFloat32(b);
                        positions[c][k] = s;
                    }
                }
            }

            // the sampled bytes are now in the native columns
            sampled = [];
            ReleaseGarbage(aggressive: true);

            nint raw;
            fixed (int* pc = counts)
            {
                Lgbm.Check(
                    NativeMethods.LGBM_DatasetCreateFromSampledColumn(values, positions, width, pc, sample.Length, source.Rows, source.Rows, parameters, out raw),
                    "LGBM_DatasetCreateFromSampledColumn");
            }

            return new SafeDatasetHandle(raw);
        }
        finally
        {
            for (var c = 0; c < width; c++)
            {
                NativeMemory.Free(values[c]);
                NativeMemory.Free(positions[c]);
            }

            NativeMemory.Free(values);
            NativeMemory.Free(positions);
        }
    }

    private static void PushAll(SafeDatasetHandle dataset, IRowSource source, CancellationToken cancellationToken)
    {
        var width = source.FeatureNames.Count;
        float[]? buffer = null;
        var start = 0;
        foreach (var chunk in source.ReadChunks(cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var maxRows = (int)Math.Max(1, PushBufferBytes / (4L * width));
            for (var offset = 0; offset < chunk.Rows; offset += maxRows)
            {
                var n = Math.Min(maxRows, chunk.Rows - offset);
                var count = n * width;
                if (buffer is null || buffer.Length < count)
                {
                    buffer = new float[Math.Min((long)maxRows * width, Math.Max(count, (long)chunk.Rows * width))];
                }

                Int8Features.ToFloat32(chunk.Features.Span.Slice(offset * width, count), buffer);
                fixed (float* p = buffer)
                {
                    Lgbm.Check(NativeMethods.LGBM_DatasetPushRows(dataset, p, NativeMethods.DtypeFloat32, n, width, start), "LGBM_DatasetPushRows");
                }

                start += n;
            }

            // a streamed chunk (a row group's bytes) is garbage once pushed; collect it before the next one is read
            if (chunk.Features.Length >= LargeChunkBytes)
            {
                ReleaseGarbage(aggressive: false);
            }
        }

        if (start != source.Rows)
        {
            throw new InvalidOperationException($"the row source yielded {start} rows, not the {source.Rows} it announced");
        }
    }

    /// <summary>Full blocking collection; aggressive also decommits the freed memory.</summary>
    private static void ReleaseGarbage(bool aggressive)
    {
        if (aggressive)
        {
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        else
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        }
    }

    private static void SetLabels(SafeDatasetHandle dataset, ReadOnlySpan<float> labels)
    {
        fixed (float* p = labels)
        {
            Lgbm.Check(NativeMethods.LGBM_DatasetSetField(dataset, "label", p, labels.Length, NativeMethods.DtypeFloat32), "LGBM_DatasetSetField(label)");
        }
    }

    private static void SetFeatureNames(SafeDatasetHandle dataset, IReadOnlyList<string> names)
    {
        var pointers = new nint[names.Count];
        try
        {
            for (var i = 0; i < names.Count; i++)
            {
                pointers[i] = Marshal.StringToCoTaskMemUTF8(names[i]);
            }

            fixed (nint* p = pointers)
            {
                Lgbm.Check(NativeMethods.LGBM_DatasetSetFeatureNames(dataset, p, names.Count), "LGBM_DatasetSetFeatureNames");
            }
        }
        finally
        {
            foreach (var ptr in pointers)
            {
                Marshal.FreeCoTaskMem(ptr);
            }
        }
    }
}
