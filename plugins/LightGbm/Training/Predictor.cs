using NumeraiPipeline.Plugins.LightGbm.Native;

namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>Predicts int8 rows chunk by chunk through one reused float32 buffer of at most <see cref="BufferBytes"/>.</summary>
internal static class Predictor
{
    /// <summary>
    /// The float32 buffer's bound: a reader block holds up to 32 MiB of int8 features, 128 MiB as float32, so a block is
    /// converted and predicted in slices of whole rows (each row's prediction depends on that row only).
    /// </summary>
    public const int BufferBytes = 16 << 20;

    /// <summary>Predicts all rows of <paramref name="rows"/>; returns one prediction per row.</summary>
    public static double[] Predict(Booster booster, IRowSource rows, int numThreads, CancellationToken cancellationToken, int bufferBytes = BufferBytes)
    {
        var output = new double[rows.Rows];
        var width = rows.FeatureNames.Count;
        var maxRows = Math.Max(1, bufferBytes / sizeof(float) / width);
        var parameters = numThreads > 0 ? $"num_threads={numThreads}" : string.Empty;
        float[] buffer = [];
        var start = 0;
        foreach (var chunk in rows.ReadChunks(cancellationToken))
        {
            for (var offset = 0; offset < chunk.Rows; offset += maxRows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = Math.Min(maxRows, chunk.Rows - offset);
                var count = n * width;
                if (buffer.Length < count)
                {
                    buffer = new float[count];
                }

                Int8Features.ToFloat32(chunk.Features.Span.Slice(offset * width, count), buffer);
                booster.Predict(buffer.AsSpan(0, count), n, width, output.AsSpan(start + offset, n), parameters);
            }

            start += chunk.Rows;
        }

        return output;
    }
}
