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
}
