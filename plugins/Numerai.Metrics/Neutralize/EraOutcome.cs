namespace NumeraiPipeline.Plugins.Numerai.Metrics.Neutralize;

/// <summary>What neutralizing one era did: its rows with predictions and each column's outcome.</summary>
internal sealed class EraOutcome
{
    public EraOutcome(string era, int rows, int columns)
    {
        Era = era;
        Rows = rows;
        Columns = new EraColumnOutcome[columns];
    }

    public string Era { get; }

    public int Rows { get; }

    public EraColumnOutcome[] Columns { get; }
}
