namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>Conversions of int8 feature bytes to the float32 values LightGBM takes.</summary>
internal static class Int8Features
{
    /// <summary>The byte that marks a missing value (null in the parquet file).</summary>
    public const byte Missing = 255;

    private static readonly float[] Table = BuildTable();

    /// <summary>Converts bytes to float32 (255 → NaN, otherwise the value).</summary>
    public static void ToFloat32(ReadOnlySpan<byte> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException("destination is shorter than source", nameof(destination));
        }

        var table = Table;
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = table[source[i]];
        }
    }

    /// <summary>The float32 value of one byte.</summary>
    public static float ToFloat32(byte value) => Table[value];

    private static float[] BuildTable()
    {
        var t = new float[256];
        for (var i = 0; i < 256; i++)
        {
            t[i] = i == Missing ? float.NaN : i;
        }

        return t;
    }
}
