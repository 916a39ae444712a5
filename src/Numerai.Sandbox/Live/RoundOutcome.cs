namespace NumeraiPipeline.Numerai.Sandbox.Live;

/// <summary>
/// What a round's live era resolves to in the sandbox: the live ids (sorted as the live file lists them), the final
/// main target, the sandbox's meta model and benchmark predictions of those rows, and the example predictions.
/// </summary>
internal sealed class RoundOutcome
{
    private readonly Dictionary<string, int> index;

    public RoundOutcome(int round, string[] ids, double[] target, double[] metaModel, double[] benchmark, double[] example)
    {
        Round = round;
        Ids = ids;
        Target = target;
        MetaModel = metaModel;
        Benchmark = benchmark;
        Example = example;
        index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            index[ids[i]] = i;
        }
    }

    public int Round { get; }

    public string[] Ids { get; }

    public double[] Target { get; }

    public double[] MetaModel { get; }

    public double[] Benchmark { get; }

    public double[] Example { get; }

    public int Rows => Ids.Length;

    /// <summary>The row of an id, or -1.</summary>
    public int RowOf(string id) => index.TryGetValue(id, out var row) ? row : -1;
}
