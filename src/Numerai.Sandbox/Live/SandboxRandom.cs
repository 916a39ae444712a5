namespace NumeraiPipeline.Numerai.Sandbox.Live;

/// <summary>
/// Deterministic pseudo-random numbers for the sandbox's synthetic state (SplitMix64 steps keyed by a tuple of
/// numbers): the same seed, round and purpose always give the same values, in every process.
/// </summary>
internal struct SandboxRandom
{
    private ulong state;

    public SandboxRandom(params long[] key)
    {
        var s = 0x243F6A8885A308D3UL;
        foreach (var k in key)
        {
            s = Mix(s ^ (ulong)k);
        }

        state = s;
    }

    /// <summary>A stable 64-bit hash of a text (FNV-1a), to key streams by names.</summary>
    public static long Hash(string text)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            h = (h ^ c) * 0x100000001B3UL;
        }

        return (long)h;
    }

    /// <summary>A uniform value in [0, 1).</summary>
    public double NextDouble()
    {
        state += 0x9E3779B97F4A7C15UL;
        return (Mix(state) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A standard normal value (Box-Muller).</summary>
    public double NextGaussian()
    {
        var u = 1.0 - NextDouble();
        var v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
