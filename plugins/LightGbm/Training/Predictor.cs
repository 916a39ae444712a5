using NumeraiPipeline.Plugins.LightGbm.Native;

namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>Predicts int8 rows chunk by chunk (one reused float32 buffer).</summary>
internal static class Predictor
{
    /// <summary>Predicts all rows of <paramref name="rows"/>; returns one prediction per row.</summary>
    public static double[] Predict(Booster booster, IRowSource rows, int numThreads, CancellationToken cancellationToken)
    {
        var output = new double[rows.Rows];
        var width = rows.FeatureNames.Count;
        var parameters = numThreads > 0 ? $"num_threads={numThreads}" : string.Empty;
        float[] buffer = [];
        var start = 0;
        foreach (var chunk in rows.ReadChunks(cancellationToken))
        {
            var count = chunk.Rows * width;
            if (buffer.Length < count)
            {
                buffer = new float[count];
            }

            Int8Features.ToFloat32(chunk.Features.Span, buffer);
            booster.Predict(buffer.AsSpan(0, count), chunk.Rows, width, output.AsSpan(start, chunk.Rows), parameters);
            start += chunk.Rows;
        }

        return output;
    }
}
