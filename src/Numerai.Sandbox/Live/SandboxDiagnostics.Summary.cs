using System.Text.Json.Nodes;
using NumeraiPipeline.Numerai.Scoring;

namespace NumeraiPipeline.Numerai.Sandbox.Live;

internal sealed partial class SandboxDiagnostics
{
    /// <summary>
    /// The V2Diagnostics fields of a scored upload. One FNC is computed (numerai-tools' feature_neutral_corr against the
    /// sandbox's feature set), so Numerai's three FNC families (validationFeatureNeutralCorr*, its V3 and validationFncV4*)
    /// carry the same figures; validationFeatureCorrMax is the max |Pearson(feature, prediction)| per era and, as the
    /// summary, its mean over eras: numerai.metrics' fnc and feature_exposure of the same predictions and features.
    /// </summary>
    private static JsonObject Summary(ScoringResult result, bool withFeatures, int matched, int submitted)
    {
        var scored = result.Eras.Where(e => !double.IsNaN(e.Corr)).ToList();
        var corr = SeriesSummary.From(scored.Select(e => e.Corr));
        var mmc = SeriesSummary.From(scored.Select(e => e.Mmc));
        var bmc = SeriesSummary.From(scored.Select(e => e.Bmc));
        var plus = SeriesSummary.From(scored.Select(e => e.Corr + e.Mmc));
        var json = new JsonObject
        {
            ["status"] = Done,
            ["message"] = null,
            ["erasAcceptedCount"] = scored.Count,
            ["erasMissing"] = new JsonArray([.. result.Eras.Where(e => double.IsNaN(e.Corr)).Select(e => (JsonNode?)JsonValue.Create(e.Era))]),
            ["tickersAcceptedCount"] = matched,
            ["tickersSubmittedCount"] = submitted,
            ["trainedOnVal"] = false,
            ["validationCorrMean"] = Number(corr.Mean),
            ["validationCorrStd"] = Number(corr.Std),
            ["validationCorrSharpe"] = Number(corr.Sharpe),
            ["validationCorrMaxDrawdown"] = Number(corr.MaxDrawdown),
            ["validationMaxDrawdown"] = Number(corr.MaxDrawdown),
            ["validationAutocorr"] = Number(LagOneAutocorrelation([.. scored.Select(e => e.Corr)])),
            ["validationMmcMean"] = Number(mmc.Mean),
            ["validationMmcStd"] = Number(mmc.Std),
            ["validationMmcSharpe"] = Number(mmc.Sharpe),
            ["validationBmcMean"] = Number(bmc.Mean),
            ["validationCorrPlusMmcMean"] = Number(plus.Mean),
            ["validationCorrPlusMmcStd"] = Number(plus.Std),
            ["validationCorrPlusMmcSharpe"] = Number(plus.Sharpe),
            ["validationCorrPlusMmcSharpeDiff"] = Number(plus.Sharpe - corr.Sharpe),
        };
        if (withFeatures)
        {
            // Over every labelled era, as numerai.metrics summarises (NaN eras dropped).
            var fnc = result.Summary(e => e.Fnc);
            var exposures = result.Eras.Select(e => e.MaxFeatureExposure).Where(double.IsFinite).ToArray();
            json["validationFeatureNeutralCorrMean"] = Number(fnc.Mean);
            json["validationFeatureNeutralCorrV3Mean"] = Number(fnc.Mean);
            json["validationFncV4Mean"] = Number(fnc.Mean);
            json["validationFncV4Std"] = Number(fnc.Std);
            json["validationFncV4Sharpe"] = Number(fnc.Sharpe);
            json["validationFncV4MaxDrawdown"] = Number(fnc.MaxDrawdown);
            json["validationFeatureCorrMax"] = exposures.Length == 0 ? null : Number(exposures.Average());
        }

        json["perEraDiagnostics"] = new JsonArray([.. scored.Select(e => (JsonNode?)Era(e, withFeatures))]);
        return json;
    }

    private static JsonObject Era(EraScore e, bool withFeatures)
    {
        var era = new JsonObject
        {
            ["era"] = e.Era,
            ["validationCorr"] = Number(e.Corr),
            ["validationMmc"] = Number(e.Mmc),
            ["validationBmc"] = Number(e.Bmc),
        };
        if (withFeatures)
        {
            era["validationFeatureNeutralCorr"] = Number(e.Fnc);
            era["validationFeatureNeutralCorrV3"] = Number(e.Fnc);
            era["validationFncV4"] = Number(e.Fnc);
            era["validationFeatureCorrMax"] = Number(e.MaxFeatureExposure);
        }

        return era;
    }
}
