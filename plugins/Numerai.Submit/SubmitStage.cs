using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Submit;

/// <summary>
/// Submits one model's live predictions: checks them with Numerai's rules before anything is uploaded, checks the
/// round, uploads with a checked PUT, creates the submission, reads it back, and records it in a ledger so that a
/// rerun with the same predictions for the same round declines instead of submitting twice.
/// </summary>
[Stage("numerai.submit", Description = "Validate and submit live predictions for one model (idempotent per round)")]
[StageOutput("submission_id", Kind = OutputKind.Value, Description = "The submission id (dry-run: 'dry-run')")]
[StageOutput("round", Kind = OutputKind.Value, Description = "The round submitted to")]
[StageOutput("csv", Description = "The CSV uploaded (or that would be, with dry_run)")]
public sealed partial class SubmitStage : IStage<SubmitOptions>, IExternalVersionSource<SubmitOptions>
{
    /// <summary>The ledger's path under the workspace.</summary>
    public const string LedgerRelativePath = "submissions/ledger.jsonl";

    /// <inheritdoc />
    public async Task<string?> GetExternalVersionAsync(StageContext context, SubmitOptions options, CancellationToken cancellationToken)
    {
        if (options.DryRun)
        {
            return null;
        }

        using var client = CreateClient(context, options);
        try
        {
            return "round-" + (await client.GetCurrentRoundAsync(cancellationToken)).Number.ToString(CultureInfo.InvariantCulture);
        }
        catch (NumeraiApiException e) when (e.Kind == NumeraiErrorKind.RoundNotOpen)
        {
            return "round-closed";
        }
        catch (NumeraiApiException e)
        {
            throw ToStageException(context, e);
        }
    }

    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, SubmitOptions options, CancellationToken cancellationToken)
    {
        var csv = BuildCsv(context, options);
        var bytes = Encoding.UTF8.GetBytes(csv);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var fileName = $"{SafeName(options.Model)}_predictions.csv";
        if (options.DryRun)
        {
            await WriteCsvOutputAsync(context, fileName, bytes, cancellationToken);
            context.Outputs.SetValue("submission_id", "dry-run");
            context.Outputs.SetValue("round", "");
            context.AddSummary("dry_run", $"valid, {bytes.Length} bytes, nothing uploaded");
            context.Logger.LogInformation("Dry run: {File} is valid ({Bytes} bytes, sha256 {Sha}); nothing was uploaded", fileName, bytes.Length, sha);
            return StageResult.Succeeded();
        }

        using var client = CreateClient(context, options);
        if (client.Options.Credentials is null)
        {
            // Fail before any request: submitting needs the keys, and saying so first beats a network error.
            throw new StageException(
                NumeraiErrorCodes.MissingCredentials,
                $"stage '{context.StageId}': submitting needs Numerai API keys, and none are set. Set {NumeraiCredentials.PublicIdVariable} and {NumeraiCredentials.SecretKeyVariable} (or {NumeraiCredentials.PublicIdVariable}_FILE / {NumeraiCredentials.SecretKeyVariable}_FILE) from numer.ai → Account → API keys.")
            { ExitCode = 3 };
        }

        try
        {
            return await SubmitAsync(context, options, client, fileName, bytes, sha, cancellationToken);
        }
        catch (NumeraiApiException e)
        {
            throw ToStageException(context, e);
        }
    }

    private static async Task<StageResult> SubmitAsync(StageContext context, SubmitOptions options, NumeraiClient client, string fileName, byte[] bytes, string sha, CancellationToken cancellationToken)
    {
        RoundInfo round;
        try
        {
            round = await client.GetCurrentRoundAsync(cancellationToken);
        }
        catch (NumeraiApiException e) when (e.Kind == NumeraiErrorKind.RoundNotOpen)
        {
            return StageResult.Declined(SubmitErrorCodes.RoundClosed, $"no Numerai round is open ({e.ServerMessage ?? "no current round"}); nothing was submitted for '{options.Model}'. Run again when the next round opens.");
        }

        var now = context.Time.GetUtcNow();
        var late = !round.IsOpenAt(now);
        if (late && !options.AllowLate)
        {
            return StageResult.Declined(
                SubmitErrorCodes.LateNotAllowed,
                $"round {round.Number} closed for staking at {round.CloseStakingTime:yyyy-MM-dd HH:mm} UTC; nothing was submitted for '{options.Model}'. Set allow_late: true to submit late.");
        }

        // The host without the port: a restarted sandbox (new random port) is the same place for idempotency.
        var endpoint = client.Options.Endpoint.Host;
        var ledger = new SubmissionLedger(Path.Combine(context.WorkspaceDirectory, LedgerRelativePath));
        if (!options.Force && ledger.Find(endpoint, round.Number, options.Model, sha) is { } previous)
        {
            return StageResult.Declined(
                SubmitErrorCodes.AlreadySubmitted,
                $"these predictions were already submitted for '{options.Model}' in round {round.Number} (submission {previous.SubmissionId} at {previous.SubmittedAt:yyyy-MM-dd HH:mm} UTC). Set force: true to submit them again.");
        }

        var model = await client.GetModelByNameAsync(options.Model, cancellationToken);
        var csvPath = await WriteCsvOutputAsync(context, fileName, bytes, cancellationToken);
        string submissionId;
        using (var activity = context.ActivitySource.StartActivity("upload"))
        {
            activity?.SetTag("numerai.round", round.Number);
            activity?.SetTag("numerai.model", options.Model);
            activity?.SetTag("bytes", bytes.Length);
            var started = Stopwatch.GetTimestamp();
            try
            {
                var auth = await client.GetSubmissionUploadAuthAsync(fileName, model.Id, cancellationToken);
                context.Secrets.Register(auth.Url.ToString());
                await client.UploadFileAsync(auth.Url, csvPath, cancellationToken);
                var trigger = options.TriggerId ?? Environment.GetEnvironmentVariable("TRIGGER_ID");
                submissionId = await client.CreateSubmissionAsync(auth.Filename, model.Id, string.IsNullOrWhiteSpace(trigger) ? null : trigger, null, cancellationToken);
                activity?.SetTag("submission.id", submissionId);
                activity?.SetTag("duration_ms", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (NumeraiApiException e)
            {
                activity?.SetStatus(ActivityStatusCode.Error, context.Secrets.Redact(e.Message));
                throw;
            }
        }

        var listed = await client.GetSubmissionsAsync(model.Id, cancellationToken);
        var confirmed = listed.FirstOrDefault(s => s.Id == submissionId);
        if (confirmed is null)
        {
            throw new StageException(
                SubmitErrorCodes.NotConfirmed,
                $"stage '{context.StageId}': Numerai created submission {submissionId} for '{options.Model}' but does not list it among the model's submissions. Check numer.ai before submitting again.");
        }

        ledger.Append(new LedgerEntry(endpoint, round.Number, options.Model, model.Id, sha, submissionId, now, late));
        context.Outputs.SetValue("submission_id", submissionId);
        context.Outputs.SetValue("round", round.Number.ToString(CultureInfo.InvariantCulture));
        context.AddSummary("round", round.Number.ToString(CultureInfo.InvariantCulture) + (late ? " (late)" : ""));
        context.AddSummary("model", options.Model);
        context.AddSummary("submission", submissionId);
        context.Logger.LogInformation("Submitted {Model} for round {Round}{Late}: submission {SubmissionId} ({Status})", options.Model, round.Number, late ? " (late)" : "", submissionId, confirmed.Status ?? "listed");
        return StageResult.Succeeded();
    }

    private static string BuildCsv(StageContext context, SubmitOptions options)
    {
        var predictionsPath = options.Predictions?.Path
            ?? throw new StageException(SubmitErrorCodes.BadOption, $"stage '{context.StageId}': option 'predictions' is required.") { ExitCode = 2 };
        var predictions = PredictionsFile.Read(predictionsPath, options.PredictionColumn);
        var values = options.Rank ? PredictionRanker.RankPct(predictions.Values) : predictions.Values;
        var text = new StringBuilder(predictions.Count * 28);
        text.Append("id,prediction\n");
        for (var i = 0; i < predictions.Count; i++)
        {
            text.Append(predictions.Ids[i]).Append(',');
            text.Append(double.IsNaN(values[i]) ? "" : values[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        var csv = text.ToString();
        IReadOnlySet<string>? liveIds = null;
        if (options.Live is { } live)
        {
            using var reader = NumeraiParquetReader.Open(live.Path);
            liveIds = reader.ReadStringColumn("id").ToHashSet(StringComparer.Ordinal);
        }

        var (table, parseError) = SubmissionCsv.Parse(csv);
        var broken = parseError ?? SubmissionRules.Validate(table!, liveIds);
        if (broken is not null)
        {
            throw new StageException(
                SubmitErrorCodes.InvalidPredictions,
                $"stage '{context.StageId}': the predictions in '{Path.GetFileName(predictionsPath)}' break Numerai's submission rules: {broken}. Nothing was uploaded. {Hint(broken)}")
            { ExitCode = 1 };
        }

        return csv;
    }

    private static string Hint(string rule) => rule switch
    {
        SubmissionRules.MissingIds or SubmissionRules.DuplicateIds => "Predict on the current round's live.parquet (one row per id).",
        SubmissionRules.Range => "Set rank: true to rank the predictions into [0, 1].",
        SubmissionRules.NanValues => "Fill or drop the missing predictions.",
        SubmissionRules.ZeroStd => "The model predicts a constant; check the model and its features.",
        _ => "Fix the predictions file.",
    };

    private static async Task<string> WriteCsvOutputAsync(StageContext context, string fileName, byte[] bytes, CancellationToken cancellationToken) =>
        await context.Outputs.WriteFileAsync("csv", fileName, (temp, ct) => File.WriteAllBytesAsync(temp, bytes, ct), cancellationToken);

    private static string SafeName(string model) => string.Concat(model.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_'));

    private static NumeraiClient CreateClient(StageContext context, SubmitOptions options)
    {
        Uri endpoint;
        try
        {
            endpoint = NumeraiClientOptions.ResolveEndpoint(options.ApiUrl);
        }
        catch (ArgumentException e)
        {
            throw new StageException(SubmitErrorCodes.BadOption, $"stage '{context.StageId}': option 'api_url': {e.Message}") { ExitCode = 2 };
        }

        var credentials = NumeraiCredentials.ForEndpoint(endpoint, context.Secrets.Get);
        if (credentials is not null)
        {
            context.Secrets.Register(credentials.SecretKey);
        }

        return new NumeraiClient(new NumeraiClientOptions { Endpoint = endpoint, Credentials = credentials }, context.Logger);
    }

    private static StageException ToStageException(StageContext context, NumeraiApiException e)
    {
        var code = e.Kind == NumeraiErrorKind.InvalidSubmission ? SubmitErrorCodes.Rejected : e.Code;
        return new StageException(code, context.Secrets.Redact($"stage '{context.StageId}': {e.Message}"), e) { ExitCode = e.IsEnvironmentProblem ? 3 : 1 };
    }
}
