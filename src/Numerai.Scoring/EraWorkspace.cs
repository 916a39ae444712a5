namespace NumeraiPipeline.Numerai.Scoring;

/// <summary>Scratch buffers of one era worker (one per thread), grown to the largest era seen.</summary>
internal sealed class EraWorkspace
{
    private int capacity;

    public int[] Labelled { get; private set; } = [];

    public int[] Scored { get; private set; } = [];

    public int[] Subset { get; private set; } = [];

    public double[] Pred { get; private set; } = [];

    public double[] Target { get; private set; } = [];

    public double[] PredGauss { get; private set; } = [];

    public double[] PredTerm { get; private set; } = [];

    public double[] TargetTerm { get; private set; } = [];

    public double[] Other { get; private set; } = [];

    public double[] OtherGauss { get; private set; } = [];

    public double[] SubsetPredGauss { get; private set; } = [];

    public double[] Work { get; private set; } = [];

    public double[] Work2 { get; private set; } = [];

    public Neutralizer Neutralizer { get; } = new();

    public RankScratch Ranks { get; } = new();

    public void Ensure(int rows)
    {
        if (rows <= capacity)
        {
            return;
        }

        capacity = Math.Max(rows, capacity * 2);
        Labelled = new int[capacity];
        Scored = new int[capacity];
        Subset = new int[capacity];
        Pred = new double[capacity];
        Target = new double[capacity];
        PredGauss = new double[capacity];
        PredTerm = new double[capacity];
        TargetTerm = new double[capacity];
        Other = new double[capacity];
        OtherGauss = new double[capacity];
        SubsetPredGauss = new double[capacity];
        Work = new double[capacity];
        Work2 = new double[capacity];
    }
}
