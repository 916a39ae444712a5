using System.Globalization;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Submit;

/// <summary>
/// What <c>numerai-pipeline doctor</c> checks for a submission, without submitting anything: the API keys present,
/// accepted by the endpoint, holding the upload scope; the model on the account; the round and its window; the
/// clock against the API's.
/// </summary>
[StageVariable(NumeraiCredentials.PublicIdVariable, IsSecret = true, Description = "Numerai API key, public part (numer.ai -> Account -> API keys, with the upload scope)")]
[StageVariable(NumeraiCredentials.SecretKeyVariable, IsSecret = true, Description = "Numerai API key, secret part")]
[StageVariable(NumeraiClientOptions.ApiUrlVariable, Description = "Numerai's GraphQL endpoint when a stage's api_url is not set (default https://api-tournament.numer.ai)")]
[StageVariable("TRIGGER_ID", Description = "set by Numerai compute webhooks: passed on as the submission's trigger id")]
public sealed partial class SubmitStage : IStageCheck<SubmitOptions>
{
    /// <summary>A clock this far from the API's is flagged; twice as far fails (signed URLs and the round window go wrong).</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public async Task<IReadOnlyList<CheckResult>> CheckAsync(CheckContext context, SubmitOptions options, CancellationToken cancellationToken)
    {
        const string Keys = "numerai api keys";
        if (options.DryRun)
        {
            return [CheckResult.Skipped(Keys, "dry_run: nothing is uploaded, no keys needed")];
        }

        if ((context.SourceStageOf("api_url") ?? context.SourceStageOf("public_id") ?? context.SourceStageOf("secret_key")) is { } source)
        {
            return [CheckResult.Skipped(Keys, $"the endpoint or the keys come from stage '{source}' when the run gets there (a sandbox makes its own)")];
        }

        Uri endpoint;
        try
        {
            endpoint = NumeraiClientOptions.ResolveEndpoint(options.ApiUrl, context.GetEnvironmentVariable);
        }
        catch (ArgumentException e)
        {
            return [CheckResult.Failed("numerai endpoint", e.Message, $"Set api_url or {NumeraiClientOptions.ApiUrlVariable} to an http(s) URL.")];
        }

        var host = endpoint.GetLeftPart(UriPartial.Authority);
        var credentials = NumeraiCredentials.Resolve(options.PublicId, options.SecretKey, context.Secrets.Get);
        var rows = new List<CheckResult>();
        if (credentials is null)
        {
            var missing = new[] { (NumeraiCredentials.PublicIdVariable, options.PublicId), (NumeraiCredentials.SecretKeyVariable, options.SecretKey) }
                .Where(n => string.IsNullOrWhiteSpace(n.Item2) && string.IsNullOrWhiteSpace(context.Secrets.Get(n.Item1))).Select(n => n.Item1).ToList();
            rows.Add(CheckResult.Failed(Keys, $"{string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not set, so nothing can be submitted to {host}", $"Create a key with the upload scope on numer.ai -> Account -> API keys and set {NumeraiCredentials.PublicIdVariable} and {NumeraiCredentials.SecretKeyVariable} (or NAME_FILE pointing at files holding them), or give the options public_id and secret_key."));
        }
        else
        {
            context.Secrets.Register(credentials.SecretKey);
            rows.Add(CheckResult.Ok(Keys, string.IsNullOrWhiteSpace(options.PublicId) && string.IsNullOrWhiteSpace(options.SecretKey)
                ? $"{NumeraiCredentials.PublicIdVariable} and {NumeraiCredentials.SecretKeyVariable} are set"
                : "the options public_id and secret_key give them"));
        }

        using var client = new NumeraiClient(new NumeraiClientOptions { Endpoint = endpoint, Credentials = credentials, MaxAttempts = 2, RequestTimeout = TimeSpan.FromSeconds(20) }, context.Logger);
        var clock = await ClockAsync(context, client, host, cancellationToken);
        if (clock.Status == CheckStatus.Failed && clock.Name == "numerai endpoint")
        {
            rows.Add(clock);
            return rows;
        }

        if (credentials is not null)
        {
            rows.AddRange(await AccountAsync(context, options, client, credentials, host, cancellationToken));
        }

        rows.Add(await RoundAsync(context, options, client, cancellationToken));
        rows.Add(clock);
        return rows;
    }

    private static async Task<CheckResult> ClockAsync(CheckContext context, NumeraiClient client, string host, CancellationToken cancellationToken)
    {
        DateTimeOffset? server;
        try
        {
            server = await client.GetServerDateAsync(cancellationToken);
        }
        catch (NumeraiApiException e)
        {
            return CheckResult.Failed("numerai endpoint", e.Message, "Check the network, a proxy, and api_url / NUMERAI_API_URL.");
        }

        if (server is not { } date)
        {
            return CheckResult.Skipped("clock", $"{host} sent no Date header to compare the clock with");
        }

        var skew = context.Time.GetUtcNow() - date;
        var text = $"{Math.Abs(skew.TotalSeconds):0} s {(skew >= TimeSpan.Zero ? "ahead of" : "behind")} {host} (its Date header)";
        const string Fix = "Synchronise the clock (timedatectl set-ntp true, or chrony/ntpd); round windows and signed URLs are timed by Numerai's clock.";
        return Math.Abs(skew.TotalSeconds) switch
        {
            var s when s <= ClockTolerance.TotalSeconds => CheckResult.Ok("clock", text),
            var s when s <= 2 * ClockTolerance.TotalSeconds => CheckResult.Warning("clock", text, Fix),
            _ => CheckResult.Failed("clock", text, Fix),
        };
    }

    private static async Task<IReadOnlyList<CheckResult>> AccountAsync(CheckContext context, SubmitOptions options, NumeraiClient client, NumeraiCredentials credentials, string host, CancellationToken cancellationToken)
    {
        const string Accepted = "numerai keys accepted";
        IReadOnlyList<ModelInfo> models;
        try
        {
            models = await client.GetModelsAsync(cancellationToken);
        }
        catch (NumeraiApiException e) when (e.Code == NumeraiErrors.AuthenticationFailed.Code)
        {
            return [CheckResult.Failed(Accepted, context.Secrets.Redact($"{host} refused the keys: {e.ServerMessage ?? e.Message}"), "The keys are wrong, revoked or expired: create a new key on numer.ai -> Account -> API keys and set NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY.")];
        }
        catch (NumeraiApiException e)
        {
            return [CheckResult.Failed(Accepted, context.Secrets.Redact(e.Message), "Check the network and api_url / NUMERAI_API_URL; try again if Numerai is deploying.")];
        }

        var rows = new List<CheckResult> { CheckResult.Ok(Accepted, $"{host} accepted them: the account has {models.Count} model{(models.Count == 1 ? "" : "s")}") };
        if (context.SourceStageOf("model") is null && options.Model.Length > 0)
        {
            rows.Add(models.Any(m => string.Equals(m.Name, options.Model, StringComparison.OrdinalIgnoreCase))
                ? CheckResult.Ok("numerai model", $"'{options.Model}' is one of the account's models")
                : CheckResult.Failed("numerai model", $"'{options.Model}' is not one of the account's models ({(models.Count == 0 ? "none" : string.Join(", ", models.Select(m => $"'{m.Name}'")))})", "Set the model name (NUMERAI_MODEL for numerai-daily) to one of the account's models, or create the model on numer.ai."));
        }

        rows.Add(await UploadScopeAsync(client, credentials, cancellationToken));
        return rows;
    }

    private static async Task<CheckResult> UploadScopeAsync(NumeraiClient client, NumeraiCredentials credentials, CancellationToken cancellationToken)
    {
        const string Upload = "numerai upload permission";
        const string Fix = "Create a key with the 'upload submissions' scope on numer.ai -> Account -> API keys and use it.";
        IReadOnlyList<ApiTokenInfo> tokens;
        try
        {
            tokens = await client.GetApiTokensAsync(cancellationToken);
        }
        catch (NumeraiApiException e)
        {
            return CheckResult.Warning(Upload, $"the key's scopes could not be read ({e.ServerMessage ?? e.Message})", "If submissions fail with a permission error: " + Fix);
        }

        var token = tokens.FirstOrDefault(t => string.Equals(t.PublicId, credentials.PublicId, StringComparison.Ordinal));
        if (token is null)
        {
            return CheckResult.Warning(Upload, "the account lists no key with this public id, so its scopes are unknown", "If submissions fail with a permission error: " + Fix);
        }

        return token.Scopes.Contains(ApiTokenInfo.UploadScope, StringComparer.Ordinal)
            ? CheckResult.Ok(Upload, $"the key has the {ApiTokenInfo.UploadScope} scope")
            : CheckResult.Failed(Upload, $"the key's scopes are {(token.Scopes.Count == 0 ? "none" : string.Join(", ", token.Scopes))}: no {ApiTokenInfo.UploadScope}", Fix);
    }

    private static async Task<CheckResult> RoundAsync(CheckContext context, SubmitOptions options, NumeraiClient client, CancellationToken cancellationToken)
    {
        const string Name = "numerai round";
        RoundInfo round;
        try
        {
            round = await client.GetCurrentRoundAsync(cancellationToken);
        }
        catch (NumeraiApiException e) when (e.Code == NumeraiErrors.RoundNotOpen.Code)
        {
            return CheckResult.Warning(Name, "no round is open now: a submission now would decline", "Rounds open Tuesday to Saturday around 13:00 UTC; run (or schedule) the pipeline then.");
        }
        catch (NumeraiApiException e)
        {
            return CheckResult.Failed(Name, e.Message, "Check the network and api_url / NUMERAI_API_URL.");
        }

        var now = context.Time.GetUtcNow();
        if (round.IsOpenAt(now))
        {
            return CheckResult.Ok(Name, $"round {round.Number} is open: on-time submissions until {Time(round.CloseStakingTime)} ({Until(round.CloseStakingTime!.Value - now)} from now)");
        }

        if (round.OpenTime is { } open && open > now)
        {
            return CheckResult.Warning(Name, $"round {round.Number} opens at {Time(open)}", "Run the pipeline after the round opens (numerai.round waits for it).");
        }

        var late = $"round {round.Number} closed for staking at {Time(round.CloseStakingTime)}{(round.CloseTime is { } close ? $"; late submissions until {Time(close)}" : "")}";
        return options.AllowLate
            ? CheckResult.Ok(Name, late + " (allow_late: true submits late)")
            : CheckResult.Warning(Name, late + ": the submit stage would decline (allow_late: false)", "Wait for the next round, or set allow_late: true to submit late.");
    }

    private static string Time(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "an unknown time";

    private static string Until(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)span.TotalMinutes)} min");
}
