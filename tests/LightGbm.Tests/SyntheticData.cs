using NumeraiPipeline.Plugins.LightGbm.Training;

namespace NumeraiPipeline.LightGbm.Tests;

/// <summary>Small Numerai-shaped data with a planted signal: features 0..4 (some missing), target in {0, .25, .5, .75, 1}.</summary>
internal sealed class SyntheticData
{
    public SyntheticData(int rows, int features, int seed, double missingRate = 0.01, int chunkRows = 1000)
    {
        var random = new Random(seed);
        Names = Enumerable.Range(0, features).Select(i => $"feature_{i:D4}").ToArray();
        Bytes = new byte[rows * features];
        Labels = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var signal = 0.0;
            for (var c = 0; c < features; c++)
            {
                var v = (byte)random.Next(5);
                if (c < 3)
                {
                    signal += (v - 2) * (c == 1 ? -1 : 1);
                }

                Bytes[(r * features) + c] = random.NextDouble() < missingRate ? Int8Features.Missing : v;
            }

            var z = (signal / 2) + (Gaussian(random) * 1.5);
            Labels[r] = (float)(Math.Round(4 / (1 + Math.Exp(-z))) / 4);
        }

        Matrix = new Int8Matrix(Bytes, rows, Names, chunkRows);
    }

    public string[] Names { get; }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    public byte[] Bytes { get; }

    public float[] Labels { get; }

    public Int8Matrix Matrix { get; }
}
