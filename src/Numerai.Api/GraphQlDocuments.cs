namespace NumeraiPipeline.Numerai.Api;

/// <summary>The GraphQL documents, written as numerapi writes them (the server echoes names as written).</summary>
internal static class GraphQlDocuments
{
    public const string CurrentRound =
        "query($tournament: Int!) { rounds(tournament: $tournament number: 0) { number openTime closeStakingTime closeTime } }";

    public const string ListDatasets =
        "query($round: Int $tournament: Int) { listDatasets(round: $round tournament: $tournament) }";

    public const string Dataset =
        "query($filename: String! $round: Int $tournament: Int) { dataset(filename: $filename round: $round tournament: $tournament) }";

    public const string Models = "query { account { models { id name tournament } } }";

    public const string UploadAuth =
        "query($filename: String! $tournament: Int! $modelId: String) { submission_upload_auth(filename: $filename tournament: $tournament modelId: $modelId) { filename url } }";

    public const string CreateSubmission =
        "mutation($filename: String! $tournament: Int! $modelId: String $triggerId: String, $dataDatestamp: Int) { create_submission(filename: $filename tournament: $tournament modelId: $modelId triggerId: $triggerId source: \"numerai-pipeline\" dataDatestamp: $dataDatestamp) { id } }";

    public const string Submissions =
        "query($modelId: String) { submissions(modelId: $modelId) { id filename insertedAt status round { number } } }";

    public const string SubmissionScores =
        "query($modelId: ID! $lastNRounds: Int $tournament: Int) { submissionScores(modelId: $modelId lastNRounds: $lastNRounds tournament: $tournament) { roundNumber submissionId displayName value percentile day resolved } }";

    public const string Account =
        "query { account { id username email walletAddress availableNmr insertedAt models { id name tournament submissionWebhook v2Stake { status stakeValue } } } }";

    public const string Model = "query($modelId: String) { model(modelId: $modelId) { id name tournament submissionWebhook v2Stake { status stakeValue } } }";

    public const string ListRounds =
        "query($tournament: Int $number: Int $status: RoundStatus $limit: Int) { rounds(tournament: $tournament number: $number status: $status limit: $limit) { number openTime closeStakingTime closeTime scoreTime resolveTime resolvedGeneral payoutFactor defaultCorrMultiplier defaultMmcMultiplier } }";

    private const string Scores = "{ date day displayName payoutPending payoutSettled percentile value }";

    public const string RoundModelPerformances =
        "query($modelId: String! $tournament: Int!) { v2RoundModelPerformances(modelId: $modelId tournament: $tournament) { roundNumber roundOpenTime roundCloseStakingTime roundResolveTime roundResolved atRisk corrMultiplier mmcMultiplier roundPayoutFactor submissionId submissionScores " + Scores + " } }";

    public const string RoundModelPerformancesDaily =
        "query($modelId: String! $tournament: Int!) { v2RoundModelPerformances(modelId: $modelId tournament: $tournament) { roundNumber roundOpenTime roundCloseStakingTime roundResolveTime roundResolved atRisk corrMultiplier mmcMultiplier roundPayoutFactor submissionId submissionScores " + Scores + " intraRoundSubmissionScores " + Scores + " } }";

    public const string SubmissionDownloadAuth = "query($id: String) { submissionDownloadAuth(id: $id) { filename url } }";

    public const string SetSubmissionWebhook =
        "mutation($modelId: String! $newSubmissionWebhook: String) { setSubmissionWebhook(modelId: $modelId newSubmissionWebhook: $newSubmissionWebhook) }";

    public const string DiagnosticsUploadAuth =
        "query($filename: String! $tournament: Int! $modelId: String) { diagnosticsUploadAuth(filename: $filename tournament: $tournament modelId: $modelId) { filename url } }";

    public const string CreateDiagnostics =
        "mutation($filename: String! $tournament: Int! $modelId: String) { createDiagnostics(filename: $filename tournament: $tournament modelId: $modelId) { id } }";

    public const string Diagnostics =
        "query($id: String $modelId: String!) { diagnostics(id: $id modelId: $modelId) { id status message updatedAt erasAcceptedCount validationCorrMean validationCorrStd validationCorrSharpe validationMaxDrawdown validationMmcMean validationMmcStd validationMmcSharpe validationBmcMean validationCorrPlusMmcMean validationCorrPlusMmcSharpe validationFeatureNeutralCorrMean validationFeatureNeutralCorrV3Mean validationFncV4Mean validationFncV4Std validationFncV4Sharpe validationFncV4MaxDrawdown validationFeatureCorrMax perEraDiagnostics { era validationCorr validationMmc validationBmc validationFeatureNeutralCorr validationFeatureNeutralCorrV3 validationFncV4 validationFeatureCorrMax } } }";
}
