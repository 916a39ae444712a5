using System.Globalization;

namespace NumeraiPipeline.Plugins.Numerai.Submit;

/// <summary>
/// What makes a submission unique for idempotency: the API host (without the port, so a restarted sandbox is the
/// same place), the model and the round. It names the lease that serialises submissions of one model in one round
/// across executions, and the ledger file that lease guards.
/// </summary>
internal sealed record SubmissionKey(string Endpoint, string Model, int Round)
{
    /// <summary>The lease name: <c>numerai.submit/HOST/MODEL/round-N</c>.</summary>
    public string LeaseName => $"numerai.submit/{Safe(Endpoint)}/{Safe(Model)}/round-{Round.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The ledger file of this key under the stage's state folder: <c>ledger/HOST/MODEL/round-N.jsonl</c>.</summary>
    public string LedgerPath(string stateDirectory) =>
        Path.Combine(stateDirectory, "ledger", Safe(Endpoint), Safe(Model), $"round-{Round.ToString(CultureInfo.InvariantCulture)}.jsonl");

    /// <summary>Keeps letters, digits, '.', '-' and '_' (model names and host names), so the key is one path segment.</summary>
    public static string Safe(string text) => string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' ? c : '_')).Trim('.') is { Length: > 0 } s ? s : "_";
}
