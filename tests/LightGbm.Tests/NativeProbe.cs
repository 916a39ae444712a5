using System.Runtime.InteropServices;
using NumeraiPipeline.Plugins.LightGbm.Native;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.LightGbm.Tests;

/// <summary>
/// Asks the real LightGBM library whether it accepts a parameter string: Config alone (LGBM_GetSampleCount parses and
/// checks every parameter) or a whole booster on a small dataset (objectives, metrics, boosting modes). LightGBM's
/// output is captured into <see cref="Lines"/>, so its Fatal lines do not clutter the test output.
/// </summary>
internal sealed unsafe class NativeProbe
{
    private const int Rows = 200;
    private const int Columns = 4;

    private readonly NativeLogSink sink;

    public NativeProbe()
    {
        sink = new NativeLogSink(new RecordingLogger(Lines, new DictionarySecretStore(new Dictionary<string, string>())), t => t, verbosity: 2);
    }

    public List<string> Lines { get; } = [];

    /// <summary>LightGBM's error for the parameters, or null when Config accepts them.</summary>
    public string? ConfigError(string parameters) => NativeLog.Run(sink, () =>
        NativeMethods.LGBM_GetSampleCount(1000, parameters, out _) == 0 ? null : Lgbm.LastError());

    /// <summary>LightGBM's error creating a booster with the parameters, or null; <paramref name="metrics"/> gets the number of metrics it evaluates.</summary>
    public string? BoosterError(string parameters, out int metrics, bool binaryLabels = false)
    {
        var count = 0;
        var error = NativeLog.Run(sink, () =>
        {
            try
            {
                // The dataset gets the parameters too, as in lightgbm.train: some (linear_tree) shape the dataset.
                using var dataset = Dataset(binaryLabels, parameters);
                using var booster = Booster.Create(dataset, parameters);
                count = booster.EvalCounts();
                return null;
            }
            catch (LightGbmException ex)
            {
                return ex.NativeMessage;
            }
        });
        metrics = count;
        return error;
    }

    private static SafeDatasetHandle Dataset(bool binaryLabels, string parameters)
    {
        var random = new Random(5);
        var values = new float[Rows * Columns];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(5);
        }

        var labels = new float[Rows];
        for (var i = 0; i < Rows; i++)
        {
            labels[i] = binaryLabels ? i % 2 : 1 + (i % 4);
        }

        nint raw;
        fixed (float* v = values)
        {
            Lgbm.Check(NativeMethods.LGBM_DatasetCreateFromMat(v, NativeMethods.DtypeFloat32, Rows, Columns, 1, "min_data_in_bin=1 " + parameters, 0, out raw), "LGBM_DatasetCreateFromMat");
        }

        var dataset = new SafeDatasetHandle(raw);
        fixed (float* l = labels)
        {
            Lgbm.Check(NativeMethods.LGBM_DatasetSetField(dataset, "label", l, Rows, NativeMethods.DtypeFloat32), "LGBM_DatasetSetField");
        }

        return dataset;
    }
}
