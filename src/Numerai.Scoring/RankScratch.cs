namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>Scratch buffers of <see cref="Ranking"/>: sortable keys and row indices, twice (radix sort ping-pong).</summary>
internal sealed class RankScratch
{
    public ulong[] Keys { get; private set; } = [];

    public ulong[] KeysTemp { get; private set; } = [];

    public int[] Order { get; private set; } = [];

    public int[] OrderTemp { get; private set; } = [];

    public int[] Counts { get; } = new int[8 * 256];

    public void Ensure(int n)
    {
        if (Keys.Length >= n)
        {
            return;
        }

        var size = Math.Max(n, Keys.Length * 2);
        Keys = new ulong[size];
        KeysTemp = new ulong[size];
        Order = new int[size];
        OrderTemp = new int[size];
    }
}
