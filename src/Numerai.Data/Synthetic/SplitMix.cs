namespace NumeraiPipeline.Numerai.Data.Synthetic;

/// <summary>A small deterministic generator (SplitMix64): same seed, same stream on every platform and runtime.</summary>
internal struct SplitMix
{
    private ulong _state;

    public SplitMix(ulong seed) => _state = seed;

    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A key for a sub-stream derived from a parent key and parts.</summary>
    public static ulong Key(ulong parent, long a, long b = 0, long c = 0)
    {
        var k = Mix(parent ^ 0x9E3779B97F4A7C15UL);
        k = Mix(k ^ (ulong)a);
        k = Mix(k ^ ((ulong)b * 0xD6E8FEB86659FD93UL));
        return Mix(k ^ ((ulong)c * 0xCA5A826395121157UL));
    }

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n) => (int)((Next() >> 33) * (ulong)n >> 31);

    /// <summary>Standard normal (Box-Muller).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fills with values 0..4 (eight per 64-bit draw).</summary>
    public void FillBins(Span<byte> destination)
    {
        var i = 0;
        while (i < destination.Length)
        {
            var r = Next();
            for (var k = 0; k < 8 && i < destination.Length; k++, i++)
            {
                destination[i] = (byte)(((r & 0xFF) * 5) >> 8);
                r >>= 8;
            }
        }
    }
}
