namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

internal static partial class SandboxSchema
{
    private static IEnumerable<(string Name, Dictionary<string, GqlFieldDefinition> Fields)> ObjectTypes()
    {
        yield return ("Round", Scalar(
            [
                ("id", "ID"), ("number", "Int"), ("tournament", "Int"), ("target", "String"), ("isDaily", "Boolean"), ("dataDatestamp", "Int"),
                ("openTime", "Time"), ("closeTime", "Time"), ("closeStakingTime", "Time"), ("scoreTime", "Time"), ("resolveTime", "Time"),
                ("resolvedGeneral", "Boolean"), ("resolvedStaking", "Boolean"), ("payoutFactor", "String"), ("stakeThreshold", "Float"),
                ("numTickers", "Int"), ("numValidationEras", "Int"), ("numValidationTickers", "Int"),
                .. Of("Float", "minCorrMultiplier", "maxCorrMultiplier", "defaultCorrMultiplier", "minMmcMultiplier", "maxMmcMultiplier",
                    "defaultMmcMultiplier", "minTcMultiplier", "maxTcMultiplier", "defaultTcMultiplier"),
            ]));

        yield return ("Account", With(
            Scalar(
                ("id", "ID"), ("username", "String"), ("displayName", "String"), ("email", "String"), ("walletAddress", "String"),
                ("availableNmr", "Nmr"), ("availableStakeCredit", "Nmr"), ("insertedAt", "Time"), ("updatedAt", "Time"), ("mfaEnabled", "Boolean"),
                ("status", "AccountStatusEnum"), ("acceptedTos", "Boolean"), ("isBeta", "Boolean"), ("maxModelSlots", "Int"), ("bio", "String"),
                ("defaultCurrency", "String"), ("profileUrl", "String")),
            ("models", "[Model]"), ("apiTokens", "[ApiToken]"), ("walletTxns", "[WalletTxn]")));

        yield return ("ApiToken", Scalar(("name", "String"), ("publicId", "String"), ("scopes", "[String]")));

        yield return ("WalletTxn", Scalar(
            ("amount", "Nmr"), ("from", "String"), ("posted", "Boolean"), ("status", "String"), ("time", "Time"), ("to", "String"),
            ("tournament", "Int"), ("txHash", "String"), ("type", "String")));

        yield return ("Model", With(
            Scalar(
                ("id", "ID"), ("name", "String"), ("tournament", "Int"), ("username", "String"), ("accountId", "ID"), ("insertedAt", "Time"),
                ("submissionWebhook", "String"), ("computeEnabled", "Boolean"), ("archived", "Boolean"), ("hidden", "Boolean"),
                ("description", "String"), ("profileUrl", "String")),
            ("submissions", "[V2Submission]"), ("v2Stake", "V2Stake"), ("latestSubmissionV2", "V2Submission")));

        yield return ("V2Stake", Scalar(
            ("status", "String"), ("txHash", "String"), ("stakeValue", "Nmr"), ("latestValue", "Nmr"), ("latestValueSettled", "Nmr"),
            ("tournamentNumber", "Int")));

        yield return ("FileUploadAuth", Scalar(("accelerated", "Boolean"), ("countryCode", "String"), ("filename", "String"), ("url", "String")));

        yield return ("V2Submission", With(
            Scalar(
                ("id", "ID"), ("filename", "String"), ("insertedAt", "Time"), ("selected", "Boolean"), ("status", "String"), ("triggerId", "String"),
                ("dataDatestamp", "Int"), ("sourcePlatform", "String"), ("submittedCount", "Int"), ("filteredCount", "Int"), ("invalidTickers", "String"),
                ("errorInfo", "String"), ("tickersAcceptedCount", "Int"), ("tickersSubmittedCount", "Int"), ("trainedOnVal", "Boolean"),
                ("firstEffectiveDate", "Time"), ("notes", "String")),
            ("round", "Round")));

        yield return ("SubmissionScore", Scalar(
            ("roundId", "ID"), ("submissionId", "ID"), ("roundNumber", "Int"), ("roundResolveTime", "Time"), ("roundScoreTime", "Time"),
            ("roundCloseStakingTime", "Time"), ("value", "Float"), ("percentile", "Float"), ("displayName", "String"), ("version", "String"),
            ("date", "Time"), ("day", "Int"), ("resolveDate", "Time"), ("resolved", "Boolean"), ("payoutPending", "Nmr"), ("payoutSettled", "Nmr")));

        yield return ("V2RoundModelPerformance", With(
            Scalar(
                ("atRisk", "Nmr"), ("churnThreshold", "Float"), ("corrMultiplier", "Float"), ("mmcMultiplier", "Float"), ("tcMultiplier", "Float"),
                ("prevWeekChurnMax", "Float"), ("prevWeekTurnoverMax", "Float"), ("roundCloseStakingTime", "Time"), ("roundDataDatestamp", "Int"),
                ("roundId", "ID"), ("roundNumber", "Int"), ("roundOpenTime", "Time"), ("roundPayoutFactor", "String"), ("roundResolveTime", "Time"),
                ("roundResolved", "Boolean"), ("roundScoreTime", "Time"), ("roundTarget", "String"), ("submissionId", "ID"),
                ("tickersAcceptedCount", "Int"), ("tickersSubmittedCount", "Int"), ("turnoverThreshold", "Float")),
            ("submissionScores", "[SubmissionScore]"), ("intraRoundSubmissionScores", "[SubmissionScore]"), ("allSubmissionScores", "[SubmissionScore]")));

        yield return ("V3UserProfile", With(
            Scalar(
                ("id", "ID"), ("username", "String"), ("accountName", "String"), ("bio", "String"), ("computeEnabled", "Boolean"),
                ("isActive", "Boolean"), ("linkText", "String"), ("linkUrl", "String"), ("nmrStaked", "Nmr"), ("profileUrl", "String"),
                ("stakeValue", "Nmr"), ("startDate", "Time"), ("team", "Boolean"), ("tournament", "Int"), ("control", "Float")),
            ("dailyModelPerformances", "[DailyModelPerformance]"), ("latestSubmissionScores", "[SubmissionScore]")));

        yield return ("DailyModelPerformance", Scalar(
            [
                ("date", "Time"),
                .. Of("Float", "corrRep", "mmcRep", "fncRep", "fncV3Rep", "fncV4Rep", "tcRep", "corr60Rep", "corrV4Rep", "icRep", "icV2Rep", "mpcRep",
                    "alphaRep", "apy", "return13Weeks", "return52Weeks"),
                .. Of("Int", "corrRank", "mmcRank", "fncRank", "fncV3Rank", "fncV4Rank", "tcRank", "corr60Rank", "corrV4Rank", "icRank", "icV2Rank",
                    "mpcRank", "alphaRank"),
            ]));

        yield return ("V2LeaderboardEntry", Scalar(
            [
                ("id", "ID"), ("username", "String"), ("rank", "Int"), ("nmrStaked", "Nmr"), ("team", "Boolean"), ("isActive", "Boolean"),
                ("profileUrl", "String"), ("storedRank", "Int"), ("nmrStakedRank", "Int"),
                .. Of("Float", "bmcRep", "corj60Rep", "corr20Rep", "corr20V2Rep", "corr60Rep", "cort20Rep", "fncRep", "fncV3Rep", "mmc60Rep",
                    "mmcRep", "tcRep", "return13Weeks", "return1Day", "return52Weeks", "canonCorrLtm", "canonMmcLtm"),
                .. Of("Int", "rankChange1d", "rankChange1y", "rankChange3m", "return13WeeksRank", "return1DayRank", "return52WeeksRank",
                    "canonCorrRankLtm", "canonMmcRankLtm"),
            ]));

        yield return ("PipelineStatus", Scalar(
            [
                ("isScoringDay", "Boolean"), ("tournament", "String"),
                .. Of("Time", "dataReadyAt", "resolvedAt", "scoredAt", "startedAt", "dataP90Eta", "dataP99Eta", "nextStartP90Eta", "resolveP90Eta",
                    "resolveP99Eta", "scoreP90Eta", "scoreP99Eta", "startP90Eta"),
            ]));

        yield return ("ComputePickleDataVersion", Scalar(
            ("id", "ID"), ("name", "String"), ("version", "String"), ("type", "String"), ("default", "Boolean"), ("deprecated", "Boolean"),
            ("experimental", "Boolean")));

        yield return ("V2Diagnostics", With(
            Scalar(
            [
                ("id", "String"), ("computePickleUploadId", "String"), ("erasAcceptedCount", "Int"), ("erasMissing", "[String]"), ("filename", "String"),
                ("insertedAt", "Time"), ("updatedAt", "Time"), ("message", "String"), ("parentId", "String"), ("processSecs", "Float"), ("status", "String"),
                ("tickersAcceptedCount", "Int"), ("tickersSubmittedCount", "Int"), ("topBottom", "Int"), ("tournament", "Int"), ("trainedOnVal", "Boolean"),
                .. Of("Float", DiagnosticsMetrics),
                .. Of("Float", "examplePredsCorrMean"),
            ]),
            ("perEraDiagnostics", "[V2DiagnosticsEras]")));

        yield return ("V2DiagnosticsEras", Scalar(
            [
                ("era", "String"),
                .. Of("Float", "examplePredsCorr", "validationAlpha", "validationBmc", "validationChurn", "validationCorr", "validationCorrV4",
                    "validationFeatureCorrMax", "validationFeatureNeutralCorr", "validationFeatureNeutralCorrV3", "validationFncV4", "validationIcV2",
                    "validationMmc", "validationRic", "validationTurnover"),
            ]));
    }

    /// <summary>The Float summary fields of V2Diagnostics (validation*), as the introspection dump lists them.</summary>
    private static string[] DiagnosticsMetrics =>
    [
        "validationAdjustedSharpe", "validationAlphaCorrWExamplePreds", "validationAlphaMaxDrawdown", "validationAlphaMean", "validationAlphaSharpe",
        "validationAlphaStd", "validationApy", "validationAutocorr", "validationBmcMean", "validationChurnMax", "validationChurnMean", "validationChurnStd",
        "validationCorrCorrWExamplePreds", "validationCorrMaxDrawdown", "validationCorrMean", "validationCorrMeanRating", "validationCorrPlusMmcMean",
        "validationCorrPlusMmcMeanRating", "validationCorrPlusMmcSharpe", "validationCorrPlusMmcSharpeDiff", "validationCorrPlusMmcSharpeDiffRating",
        "validationCorrPlusMmcSharpeRating", "validationCorrPlusMmcStd", "validationCorrPlusMmcStdRating", "validationCorrSharpe",
        "validationCorrSharpeRating", "validationCorrStd", "validationCorrStdRating", "validationCorrV4CorrWExamplePreds", "validationCorrV4MaxDrawdown",
        "validationCorrV4Mean", "validationCorrV4Sharpe", "validationCorrV4Std", "validationFeatureCorrMax", "validationFeatureCorrMaxRating",
        "validationFeatureNeutralCorrMean", "validationFeatureNeutralCorrMeanRating", "validationFeatureNeutralCorrV3Mean",
        "validationFeatureNeutralCorrV3MeanRating", "validationFncV4CorrWExamplePreds", "validationFncV4MaxDrawdown", "validationFncV4Mean",
        "validationFncV4Sharpe", "validationFncV4Std", "validationIcV2CorrWExamplePreds", "validationIcV2MaxDrawdown", "validationIcV2Mean",
        "validationIcV2Sharpe", "validationIcV2Std", "validationMaxDrawdown", "validationMaxDrawdownRating", "validationMmcMean",
        "validationMmcMeanRating", "validationMmcSharpe", "validationMmcSharpeRating", "validationMmcStd", "validationMmcStdRating",
        "validationRicCorrWExamplePreds", "validationRicMaxDrawdown", "validationRicMean", "validationRicSharpe", "validationRicStd",
        "validationTurnoverMax", "validationTurnoverMean", "validationTurnoverStd",
    ];
}
