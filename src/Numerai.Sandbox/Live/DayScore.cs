namespace NumeraiPipeline.Numerai.Sandbox.Live;

/// <summary>The scores of one submission on one scoring day of its round.</summary>
/// <param name="Day">The scoring day (1 … ScoringDays; the last is the resolved score).</param>
/// <param name="Date">When the day's score was published.</param>
/// <param name="Corr">numerai_corr against the day's target.</param>
/// <param name="Mmc">correlation_contribution against the sandbox's meta model.</param>
/// <param name="Bmc">correlation_contribution against the sandbox's benchmark.</param>
/// <param name="CorrWithMetaModel">numerai_corr with the meta model as the target.</param>
/// <param name="Payout">NMR won (or burned, negative) on this day's scores.</param>
internal sealed record DayScore(int Day, DateTimeOffset Date, double Corr, double Mmc, double Bmc, double CorrWithMetaModel, decimal Payout);
