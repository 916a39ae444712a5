namespace NumeraiPipeline.Numerai.Data.Tests;

/// <summary>Paths of the copied format-sample files (foreign writer, pyarrow-like layout).</summary>
internal static class Samples
{
    public static string Dir => Path.Combine(AppContext.BaseDirectory, "TestData", "format-sample");

    public static string Train => Path.Combine(Dir, "train.parquet");

    public static string Validation => Path.Combine(Dir, "validation.parquet");

    public static string Live => Path.Combine(Dir, "live.parquet");

    public static string Features => Path.Combine(Dir, "features.json");
}
