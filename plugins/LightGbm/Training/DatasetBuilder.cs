using System.Runtime.InteropServices;
using NumeraiPipeline.Plugins.LightGbm.Native;

namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>
/// Builds LightGBM Datasets from int8 rows without ever holding the whole matrix as float32: LightGBM's own row
/// sample (LGBM_SampleIndices, the sample LGBM_DatasetCreateFromMat would draw) gives the bin boundaries
/// (LGBM_DatasetCreateFromSampledColumn), then the rows are converted and pushed chunk by chunk into the binned
/// Dataset (LGBM_DatasetPushRowsByCSR: only the non-zero values, as LightGBM's dense path keeps them) through one
/// reused buffer. A streamed source may hand the rows over in column strips (a row group whose columns do not fit
/// <see cref="StripBytes"/> together); each strip is pushed as rows holding only its features, which gives the same
/// Dataset when <see cref="StripPushCheck"/> says so, and the Dataset is finished by hand after the last strip.
/// </summary>
internal static unsafe class DatasetBuilder
{
    /// <summary>Upper bound of the push buffer (column indices and float32 values of the non-zero values) in bytes.</summary>
    private const long PushBufferBytes = 16L << 20;

    /// <summary>Encoded column bytes a streamed source may hold open at once while pushing (its strip budget).</summary>
    public const long StripBytes = 64L << 20;

    /// <summary>Bytes per value in the push buffer: an int32 column index and a float32 value.</summary>
    private const int CsrBytesPerValue = 8;

    /// <summary>Builds a training Dataset chunk by chunk.</summary>
    public static SafeDatasetHandle BuildStreamed(IRowSource source, ReadOnlySpan<float> labels, string parameters, CancellationToken cancellationToken) =>
        BuildStreamed(source, labels, parameters, StripPolicy.WhenExact, StripBytes, out _, cancellationToken);

    /// <summary>
    /// Builds a training Dataset chunk by chunk, with the given strip policy and budget; <paramref name="stripsExact"/>
    /// tells whether the bins allow strips (<see cref="StripPushCheck"/>), for Datasets built later by reference.
    /// </summary>
    public static SafeDatasetHandle BuildStreamed(IRowSource source, ReadOnlySpan<float> labels, string parameters, StripPolicy strips, long stripBytes, out bool stripsExact, CancellationToken cancellationToken)
    {
        var rows = source.Rows;
        var width = source.FeatureNames.Count;
        CheckShape(rows, width, labels.Length);

        var sample = SampleIndices(rows, parameters);
        var dataset = CreateFromSample(source, sample, parameters, out stripsExact, cancellationToken);
        try
        {
            PushAll(dataset, source, Strips(stripsExact, source, strips, stripBytes), cancellationToken);
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
    public static SafeDatasetHandle BuildByReference(SafeDatasetHandle reference, IRowSource source, ReadOnlySpan<float> labels, bool stripsExact, StripPolicy strips, long stripBytes, CancellationToken cancellationToken)
    {
        CheckShape(source.Rows, source.FeatureNames.Count, labels.Length);
        Lgbm.Check(NativeMethods.LGBM_DatasetCreateByReference(reference, source.Rows, out var raw), "LGBM_DatasetCreateByReference");
        var dataset = new SafeDatasetHandle(raw);
        try
        {
            PushAll(dataset, source, Strips(stripsExact, source, strips, stripBytes), cancellationToken);
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

    /// <summary>The binned, still empty Dataset from the bin sample (also used by the benchmark to time the push alone).</summary>
    internal static SafeDatasetHandle CreateFromSample(IRowSource source, int[] sample, string parameters, out bool stripsExact, CancellationToken cancellationToken)
    {
        var width = source.FeatureNames.Count;

        // 1) the sampled rows' bytes (sample x width): a streamed source decodes them column chunk by column chunk
        var sampled = source.ReadRows(sample, cancellationToken);

        // The sampling pass left the reader's column buffers as garbage; return it to the OS before LightGBM allocates
        // the sample columns and the binned Dataset.
        if (!source.InMemory)
        {
            ReleaseGarbage(aggressive: true);
        }

        // 2) per column, the non-zero (and missing) sampled values and their positions in the sample, as LightGBM's own
        //    LGBM_DatasetCreateFromMat collects them
        var counts = new int[width];
        var values = (double**)NativeMemory.AllocZeroed((nuint)width, (nuint)sizeof(nint));
        var positions = (int**)NativeMemory.AllocZeroed((nuint)width, (nuint)sizeof(nint));
        try
        {
            var maxNonZero = new int[width];
            SampleColumns(sampled, sample.Length, width, counts, maxNonZero, values, positions, cancellationToken);
            stripsExact = StripPushCheck.StripsAreExact(parameters, sample.Length, maxNonZero);

            // the sampled bytes are now in the native columns
            sampled = [];
            ReleaseGarbage(aggressive: !source.InMemory);

            // LightGBM writes into the arrays of column pointers it is given: for a feature whose most frequent bin is not
            // the zero bin, feature bundling (FastFeatureBundling) points that column's entry at a vector of its own,
            // freed before the call returns. Freeing through those entries afterwards was a double free (a crash on
            // data where one non-zero value fills 70 % of a feature); LightGBM gets copies of the arrays instead.
            var valuesSeen = (double**)NativeMemory.Alloc((nuint)width, (nuint)sizeof(nint));
            var positionsSeen = (int**)NativeMemory.Alloc((nuint)width, (nuint)sizeof(nint));
            nint raw;
            try
            {
                new Span<nint>(values, width).CopyTo(new Span<nint>(valuesSeen, width));
                new Span<nint>(positions, width).CopyTo(new Span<nint>(positionsSeen, width));
                fixed (int* pc = counts)
                {
                    Lgbm.Check(
                        NativeMethods.LGBM_DatasetCreateFromSampledColumn(valuesSeen, positionsSeen, width, pc, sample.Length, source.Rows, source.Rows, parameters, out raw),
                        "LGBM_DatasetCreateFromSampledColumn");
                }
            }
            finally
            {
                NativeMemory.Free(valuesSeen);
                NativeMemory.Free(positionsSeen);
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

            // The sample columns (12 bytes per sampled value: 0.3 GiB for the default 10 000 rows x 2 748 features) and
            // LightGBM's copies of them are free now, but glibc keeps most of that memory; hand it back before the
            // Dataset fills up so it is not part of the peak.
            NativeHeap.Trim();
        }
    }

    /// <summary>
    /// Fills one native value and position array per column from the sampled rows: the non-zero bytes as doubles
    /// (255 = NaN) and their sample positions (ascending). LightGBM's bin finding sorts each column's values in place
    /// (a stable sort) before anything else reads them, so for a column without missing values the values are
    /// written already sorted — a counting sort over the byte values, same array after LightGBM's sort, which then
    /// has nothing to do. A column with missing values keeps the sample order, because LightGBM first compacts
    /// the NaNs away and reads the leftover tail later.
    /// </summary>
    private static void SampleColumns(byte[] sampled, int sampleRows, int width, int[] counts, int[] maxNonZero, double** values, int** positions, CancellationToken cancellationToken)
    {
        const int Block = 64;
        var blocks = (width + Block - 1) / Block;
        Parallel.For(0, blocks, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, () => new byte[Block * sampleRows], (b, _, column) =>
        {
            var c0 = b * Block;
            var cw = Math.Min(Block, width - c0);

            // this block's columns, column-major
            for (var s = 0; s < sampleRows; s++)
            {
                var row = sampled.AsSpan((int)(((long)s * width) + c0), cw);
                for (var c = 0; c < cw; c++)
                {
                    column[(c * sampleRows) + s] = row[c];
                }
            }

            Span<int> h = stackalloc int[256];
            for (var c = 0; c < cw; c++)
            {
                var bytes = column.AsSpan(c * sampleRows, sampleRows);
                h.Clear();
                foreach (var x in bytes)
                {
                    h[x]++;
                }

                var nonZero = sampleRows - h[0];
                counts[c0 + c] = nonZero;
                var most = 0;
                for (var value = 1; value < 256; value++)
                {
                    most = Math.Max(most, h[value]);
                }

                maxNonZero[c0 + c] = most;
                var v = (double*)NativeMemory.Alloc((nuint)nonZero + 1, sizeof(double));
                var p = (int*)NativeMemory.Alloc((nuint)nonZero + 1, sizeof(int));
                values[c0 + c] = v;
                positions[c0 + c] = p;

                // branch-free: each byte is written at the next slot, which only advances for a non-zero byte (the
                // arrays have one slot of slack)
                var k = 0;
                for (var s = 0; s < bytes.Length; s++)
                {
                    var x = bytes[s];
                    p[k] = s;
                    v[k] = Int8Features.ToFloat32(x);
                    k += x != 0 ? 1 : 0;
                }

                if (h[Int8Features.Missing] == 0)
                {
                    // no missing value: the same values, sorted
                    k = 0;
                    for (var value = 1; value < Int8Features.Missing; value++)
                    {
                        new Span<double>(v + k, h[value]).Fill(Int8Features.ToFloat32((byte)value));
                        k += h[value];
                    }
                }
            }

            return column;
        }, _ => { });
    }

    /// <summary>The strip budget for a streamed source, or null for whole rows (kept rows, or strips not exact).</summary>
    private static long? Strips(bool exact, IRowSource source, StripPolicy policy, long stripBytes) => policy switch
    {
        StripPolicy.Always => stripBytes,
        StripPolicy.WhenExact when exact && !source.InMemory => stripBytes,
        _ => null,
    };

    /// <summary>Pushes every row (whole rows, or strips under <paramref name="stripBytes"/>) and finishes the Dataset.</summary>
    internal static void PushAll(SafeDatasetHandle dataset, IRowSource source, long? stripBytes, CancellationToken cancellationToken)
    {
        var width = source.FeatureNames.Count;
        var maxRows = (int)Math.Clamp(PushBufferBytes / (CsrBytesPerValue * (long)width), 1, int.MaxValue / width);
        CsrBuffer? buffer = null;
        long covered = 0;

        // strips of a row reach LightGBM one after the other, so the Dataset finishes loading when told, not when a
        // push reaches its last row
        Lgbm.Check(NativeMethods.LGBM_DatasetSetWaitForManualFinish(dataset, 1), "LGBM_DatasetSetWaitForManualFinish");
        var chunks = stripBytes is { } strip ? source.ReadStrips(strip, cancellationToken) : source.ReadChunks(cancellationToken);
        foreach (var chunk in chunks)
        {
            if (chunk.FeatureOffset == 0)
            {
                covered += chunk.Rows;
            }

            for (var offset = 0; offset < chunk.Rows; offset += maxRows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = Math.Min(maxRows, chunk.Rows - offset);
                buffer ??= new CsrBuffer(Math.Min(maxRows, Math.Max(n, chunk.Rows)), width);
                buffer.Fill(chunk.Features.Slice(offset * chunk.Width, n * chunk.Width), n, chunk.Width, chunk.FeatureOffset);
                fixed (int* indptr = buffer.RowStarts)
                fixed (int* indices = buffer.Columns)
                fixed (float* data = buffer.Values)
                {
                    Lgbm.Check(
                        NativeMethods.LGBM_DatasetPushRowsByCSR(dataset, indptr, NativeMethods.DtypeInt32, indices, data, NativeMethods.DtypeFloat32, n + 1, buffer.RowStarts[n], width, chunk.FirstRow + offset),
                        "LGBM_DatasetPushRowsByCSR");
                }
            }
        }

        if (covered != source.Rows)
        {
            throw new InvalidOperationException($"the row source yielded {covered} rows, not the {source.Rows} it announced");
        }

        Lgbm.Check(NativeMethods.LGBM_DatasetMarkFinished(dataset), "LGBM_DatasetMarkFinished");
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

