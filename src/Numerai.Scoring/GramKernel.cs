namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>The instruction set <see cref="ByteGram"/> uses for its tiles.</summary>
internal enum GramKernel
{
    /// <summary>AVX-VNNI u8×s8 dot products into int32.</summary>
    Vnni,

    /// <summary>AVX2 pmaddubsw + pmaddwd.</summary>
    Avx2,

    /// <summary>Plain loops.</summary>
    Scalar,
}
