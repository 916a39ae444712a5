namespace NumeraiPipeline.Numerai.Api;

/// <summary>One era of a diagnostics run.</summary>
/// <param name="Era">The era.</param>
/// <param name="Corr">CORR of the era.</param>
/// <param name="Mmc">MMC of the era.</param>
/// <param name="Bmc">BMC of the era.</param>
/// <param name="Fnc">FNC (validationFncV4) of the era.</param>
/// <param name="FeatureExposure">The max feature exposure (validationFeatureCorrMax) of the era.</param>
public sealed record DiagnosticsEra(string Era, double? Corr, double? Mmc, double? Bmc, double? Fnc = null, double? FeatureExposure = null);
