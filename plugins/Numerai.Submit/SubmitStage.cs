using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Numerai.Data;
using NumeraiPipeline.Numerai.Scoring;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Submit;

/// <summary>
/// Submits one model's live predictions: checks them with Numerai's rules before anything is uploaded, checks the
/// round, takes the lease of (endpoint, model, round) shared by every execution on the same store, declines when the
/// ledger or Numerai's own latest submission of the round (its file name carries the CSV's hash) already has these
/// predictions, else uploads with a checked PUT, creates the submission, reads it back, records it in the ledger
/// (stage state: kept in the store) and saves that before giving the lease back. Exactly once per round and
/// predictions, whatever runs race or lose their workspace.
/// </summary>
[Stage("numerai.submit", Description = "Validate and submit live predictions for one model (idempotent per round)")]
[StageOutput("submission_id", Kind = OutputKind.Value, Description = "The submission id (dry-run: 'dry-run')")]
[StageOutput("round", Kind = OutputKind.Value, Description = "The round submitted to")]
[StageOutput("csv", Description = "The CSV uploaded (or that would be, with dry_run)")]
public sealed partial class SubmitStage : IStage<SubmitOptions>, IExternalVersionSource<SubmitOptions>
{
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
        catch (NumeraiApiException e) when (e.Code == NumeraiErrors.RoundNotOpen.Code)
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
        var fileName = SubmissionFileName.For(options.Model, sha);
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
            throw ToStageException(context, new NumeraiApiException(NumeraiErrors.MissingCredentials, "submit"));
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
        catch (NumeraiApiException e) when (e.Code == NumeraiErrors.RoundNotOpen.Code)
        {
            return SubmitErrors.RoundClosed.Decline(e.ServerMessage?.TrimEnd('.') ?? "no current round", options.Model);
        }

        var now = context.Time.GetUtcNow();
        var late = !round.IsOpenAt(now);
        if (late && !options.AllowLate)
        {
            return SubmitErrors.LateNotAllowed.Decline(round.Number, round.CloseStakingTime?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), options.Model);
        }

        // The host without the port: a restarted sandbox (new random port) is the same place for idempotency.
        var key = new SubmissionKey(client.Options.Endpoint.Host, options.Model, round.Number);
        var ttl = TimeSpan.FromSeconds(options.LeaseTtlSeconds);
        await using var lease = await context.TryAcquireLeaseAsync(key.LeaseName, ttl, TimeSpan.FromSeconds(options.LeaseWaitSeconds), cancellationToken);
        if (lease is null)
        {
            return SubmitErrors.LeaseHeld.Decline(options.Model, round.Number, $"it held the submission lease for longer than lease_wait_seconds, {options.LeaseWaitSeconds} s");
        }

        // Under the lease the ledger holds what every earlier holder saved (the host refreshed it from the store).
        var ledger = new SubmissionLedger(key.LedgerPath(context.StateDirectory));
        var legacy = new SubmissionLedger(Path.Combine(context.WorkspaceDirectory, SubmissionLedger.LegacyRelativePath));
        if (!options.Force && (ledger.Find(key.Endpoint, round.Number, options.Model, sha) ?? legacy.Find(key.Endpoint, round.Number, options.Model, sha)) is { } previous)
        {
            context.Outputs.SetValue("submission_id", previous.SubmissionId);
            context.Outputs.SetValue("round", round.Number.ToString(CultureInfo.InvariantCulture));
            return SubmitErrors.AlreadySubmitted.Decline(options.Model, round.Number, previous.SubmissionId, $"at {previous.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, from the ledger");
        }

        var model = await client.GetModelByNameAsync(options.Model, cancellationToken);
        if (!options.Force && LatestOfRound(await client.GetSubmissionsAsync(model.Id, cancellationToken), round) is { } latest && SubmissionFileName.Matches(latest.Filename, options.Model, sha))
        {
            // Numerai's own record: even without any ledger these predictions are the round's latest submission.
            context.Outputs.SetValue("submission_id", latest.Id);
            context.Outputs.SetValue("round", round.Number.ToString(CultureInfo.InvariantCulture));
            return SubmitErrors.AlreadySubmitted.Decline(options.Model, round.Number, latest.Id, $"the round's latest on Numerai: its file '{latest.Filename}' carries their hash {sha[..SubmissionFileName.HashLength]}");
        }

        // The lease must outlive the upload: renew it, and stop if another execution took it over meanwhile.
        if (!await lease.RenewAsync(ttl, cancellationToken))
        {
            return SubmitErrors.LeaseHeld.Decline(options.Model, round.Number, "it took the submission lease over when this run's lapsed, before the upload");
        }

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
            throw SubmitErrors.NotConfirmed.Exception(context.StageId, submissionId, options.Model);
        }

        ledger.Append(new LedgerEntry(key.Endpoint, round.Number, options.Model, model.Id, sha, submissionId, now, late));
        try
        {
            // Saved before the lease is given back, so the next holder (another workspace) sees this entry.
            await context.SaveStateAsync(cancellationToken);
        }
        catch (StageException e)
        {
            throw new StageException(e.Code, $"stage '{context.StageId}': submission {submissionId} of '{options.Model}' for round {round.Number} was made, but {e.Message.Replace($"stage '{context.StageId}': ", "", StringComparison.Ordinal)} (Numerai's record still prevents a second upload of these predictions.)", e) { ExitCode = e.ExitCode };
        }

        context.Outputs.SetValue("submission_id", submissionId);
        context.Outputs.SetValue("round", round.Number.ToString(CultureInfo.InvariantCulture));
        context.AddSummary("round", round.Number.ToString(CultureInfo.InvariantCulture) + (late ? " (late)" : ""));
        context.AddSummary("model", options.Model);
        context.AddSummary("submission", submissionId);
        context.Logger.LogInformation("Submitted {Model} for round {Round}{Late}: submission {SubmissionId} ({Status})", options.Model, round.Number, late ? " (late)" : "", submissionId, confirmed.Status ?? "listed");
        return StageResult.Succeeded();
    }

    /// <summary>The newest submission of the round (a submission without a round number counts from the round's opening on).</summary>
    private static SubmissionInfo? LatestOfRound(IReadOnlyList<SubmissionInfo> submissions, RoundInfo round) =>
        submissions
            .Where(s => s.RoundNumber == round.Number || (s.RoundNumber is null && round.OpenTime is { } open && s.InsertedAt >= open))
            .OrderByDescending(s => s.InsertedAt ?? DateTimeOffset.MinValue)
            .FirstOrDefault();

    private static string BuildCsv(StageContext context, SubmitOptions options)
    {
        var predictionsPath = options.Predictions?.Path
            ?? throw SubmitErrors.BadOption.Exception(context.StageId, "predictions", "it is required: set it to a predict stage's predictions output");
        var predictions = PredictionsFile.Read(predictionsPath, options.PredictionColumn);
        var values = options.Rank ? Ranks.Percent(predictions.Values) : predictions.Values;
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
            throw SubmitErrors.InvalidPredictions.Exception(context.StageId, Path.GetFileName(predictionsPath), broken, Hint(broken));
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

    private static NumeraiClient CreateClient(StageContext context, SubmitOptions options)
    {
        Uri endpoint;
        try
        {
            endpoint = NumeraiClientOptions.ResolveEndpoint(options.ApiUrl);
        }
        catch (ArgumentException e)
        {
            throw SubmitErrors.BadOption.Exception(context.StageId, "api_url", e.Message);
        }

        var credentials = NumeraiCredentials.Resolve(options.PublicId, options.SecretKey, context.Secrets.Get);
        if (credentials is not null)
        {
            context.Secrets.Register(credentials.SecretKey);
        }

        return new NumeraiClient(new NumeraiClientOptions { Endpoint = endpoint, Credentials = credentials }, context.Logger);
    }

    private static StageException ToStageException(StageContext context, NumeraiApiException e)
    {
        if (e.Code == NumeraiErrors.InvalidSubmission.Code)
        {
            return SubmitErrors.Rejected.ExceptionFrom(e, context.StageId, context.Secrets.Redact(NumeraiClient.Sentence(e.ServerMessage ?? "no message")));
        }

        return e.ToStageException(context);
    }
}
