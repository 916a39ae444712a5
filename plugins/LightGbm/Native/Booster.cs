using System.Runtime.InteropServices;

namespace NumeraiPipeline.Plugins.LightGbm.Native;

/// <summary>A LightGBM Booster (a model being trained or a loaded model).</summary>
internal sealed unsafe class Booster : IDisposable
{
    private readonly SafeBoosterHandle handle;

    private Booster(SafeBoosterHandle handle, int loadedIterations)
    {
        this.handle = handle;
        LoadedIterations = loadedIterations;
    }

    /// <summary>The number of iterations of a model loaded from a file (0 for a new booster).</summary>
    public int LoadedIterations { get; }

    public int CurrentIteration
    {
        get
        {
            Lgbm.Check(NativeMethods.LGBM_BoosterGetCurrentIteration(handle, out var it), "LGBM_BoosterGetCurrentIteration");
            return it;
        }
    }

    public int NumFeatures
    {
        get
        {
            Lgbm.Check(NativeMethods.LGBM_BoosterGetNumFeature(handle, out var n), "LGBM_BoosterGetNumFeature");
            return n;
        }
    }

    public static Booster Create(SafeDatasetHandle train, string parameters)
    {
        Lgbm.Check(NativeMethods.LGBM_BoosterCreate(train, parameters, out var raw), "LGBM_BoosterCreate");
        return new Booster(new SafeBoosterHandle(raw), 0);
    }

    public static Booster Load(string modelFile)
    {
        Lgbm.Check(NativeMethods.LGBM_BoosterCreateFromModelfile(modelFile, out var iterations, out var raw), "LGBM_BoosterCreateFromModelfile");
        return new Booster(new SafeBoosterHandle(raw), iterations);
    }

    public void AddValidData(SafeDatasetHandle valid) =>
        Lgbm.Check(NativeMethods.LGBM_BoosterAddValidData(handle, valid), "LGBM_BoosterAddValidData");

    /// <summary>Runs one boosting iteration; returns true when the tree was empty (nothing left to split).</summary>
    public bool UpdateOneIter()
    {
        Lgbm.Check(NativeMethods.LGBM_BoosterUpdateOneIter(handle, out var empty), "LGBM_BoosterUpdateOneIter");
        return empty != 0;
    }

    /// <summary>The number of metrics the booster evaluates (on the training data, in the C API).</summary>
    public int EvalCounts()
    {
        Lgbm.Check(NativeMethods.LGBM_BoosterGetEvalCounts(handle, out var count), "LGBM_BoosterGetEvalCounts");
        return count;
    }

    public string[] EvalNames()
    {
        Lgbm.Check(NativeMethods.LGBM_BoosterGetEvalCounts(handle, out var count), "LGBM_BoosterGetEvalCounts");
        return ReadStrings(count, (len, bufferLen, strs) =>
            NativeMethods.LGBM_BoosterGetEvalNames(handle, len, out var outLen, bufferLen, out var needed, strs) == 0
                ? (outLen, needed) : throw new LightGbmException("LGBM_BoosterGetEvalNames", Lgbm.LastError()));
    }

    /// <summary>The metric values on data set <paramref name="dataIndex"/> (0 = training, 1 = first validation set).</summary>
    public double[] Eval(int dataIndex, int metricCount)
    {
        var results = new double[Math.Max(metricCount, 1)];
        int len;
        fixed (double* p = results)
        {
            Lgbm.Check(NativeMethods.LGBM_BoosterGetEval(handle, dataIndex, out len, p), "LGBM_BoosterGetEval");
        }

        return results[..len];
    }

    public string[] FeatureNames()
    {
        var count = NumFeatures;
        return ReadStrings(count, (len, bufferLen, strs) =>
            NativeMethods.LGBM_BoosterGetFeatureNames(handle, len, out var outLen, bufferLen, out var needed, strs) == 0
                ? (outLen, needed) : throw new LightGbmException("LGBM_BoosterGetFeatureNames", Lgbm.LastError()));
    }

    /// <summary>Saves the first <paramref name="numIterations"/> iterations (&lt;= 0: all) in LightGBM's text format.</summary>
    public void Save(string path, int numIterations) =>
        Lgbm.Check(NativeMethods.LGBM_BoosterSaveModel(handle, 0, numIterations, 0, path), "LGBM_BoosterSaveModel");

    /// <summary>Predicts rows given as row-major float32 values into <paramref name="output"/> (one value per row).</summary>
    public void Predict(ReadOnlySpan<float> rows, int rowCount, int columns, Span<double> output, string parameters)
    {
        if (rows.Length < (long)rowCount * columns || output.Length < rowCount)
        {
            throw new ArgumentException("buffers are too small for the rows");
        }

        long written;
        fixed (float* p = rows)
        fixed (double* o = output)
        {
            Lgbm.Check(
                NativeMethods.LGBM_BoosterPredictForMat(handle, p, NativeMethods.DtypeFloat32, rowCount, columns, 1, NativeMethods.PredictNormal, 0, -1, parameters, out written, o),
                "LGBM_BoosterPredictForMat");
        }

        if (written != rowCount)
        {
            throw new InvalidOperationException($"LightGBM returned {written} predictions for {rowCount} rows; only single-output models are supported");
        }
    }

    public void Dispose() => handle.Dispose();

    private delegate (int Count, nuint Needed) StringReader(int len, nuint bufferLen, nint* strs);

    private static string[] ReadStrings(int count, StringReader read)
    {
        if (count == 0)
        {
            return [];
        }

        nuint size = 256;
        while (true)
        {
            var buffers = new nint[count];
            try
            {
                for (var i = 0; i < count; i++)
                {
                    buffers[i] = (nint)NativeMemory.AllocZeroed(size);
                }

                (int Count, nuint Needed) r;
                fixed (nint* p = buffers)
                {
                    r = read(count, size, p);
                }

                if (r.Needed > size)
                {
                    size = r.Needed;
                    continue;
                }

                var result = new string[Math.Min(r.Count, count)];
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = Marshal.PtrToStringUTF8(buffers[i]) ?? string.Empty;
                }

                return result;
            }
            finally
            {
                foreach (var b in buffers)
                {
                    NativeMemory.Free((void*)b);
                }
            }
        }
    }
}
