namespace NumeraiPipeline.Plugins.Numerai.Metrics.Neutralize;

/// <summary>
/// One era's rows that have predictions: the prediction rows and their features, row-major. Reused across eras
/// (the reader takes a free job, the worker gives it back), so at most a few eras' features are in memory.
/// </summary>
internal sealed class EraJob
{
    private readonly int featureCount;

    public EraJob(int featureCount) => this.featureCount = featureCount;

    /// <summary>The era.</summary>
    public string Era { get; private set; } = "";

    /// <summary>Rows in this era.</summary>
    public int Count { get; private set; }

    /// <summary>The prediction row of each era row (first <see cref="Count"/>).</summary>
    public int[] Rows { get; private set; } = [];

    /// <summary>Row-major features (capacity × features bytes, so always whole rows; first Count rows used).</summary>
    public byte[] Features { get; private set; } = [];

    /// <summary>Starts the job over for <paramref name="era"/>.</summary>
    public void Reset(string era)
    {
        Era = era;
        Count = 0;
    }

    /// <summary>Adds one row.</summary>
    public void Add(int predictionRow, ReadOnlySpan<byte> features)
    {
        if (Count == Rows.Length)
        {
            var capacity = Math.Max(1024, Rows.Length * 2);
            var rows = new int[capacity];
            Rows.AsSpan(0, Count).CopyTo(rows);
            var bytes = new byte[checked(capacity * featureCount)];
            Features.AsSpan(0, Count * featureCount).CopyTo(bytes);
            Rows = rows;
            Features = bytes;
        }

        Rows[Count] = predictionRow;
        features.CopyTo(Features.AsSpan(Count * featureCount, featureCount));
        Count++;
    }
}
