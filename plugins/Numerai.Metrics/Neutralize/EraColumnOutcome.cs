namespace NumeraiPipeline.Plugins.Numerai.Metrics.Neutralize;

/// <summary>
/// One column in one era: rows fitted (not NaN), features kept in the fit (rank of the centred features), the max
/// |Pearson| feature exposure before and after (of the values written), and whether the column was constant (NaN).
/// </summary>
internal sealed record EraColumnOutcome(int Rows, int Rank, double ExposureBefore, double ExposureAfter, bool ZeroVariance);
