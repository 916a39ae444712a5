using System.Globalization;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>
/// Makes a pipeline round-aware: succeeds with the current round when it is open with time left; between rounds it
/// waits (polling on the run's clock) for the next round to open; a round whose on-time window is over declines as
/// missed, with the reason, so the dependants (download, submit) are skipped and the notifier reports it.
/// </summary>
[Stage("numerai.round", Description = "Wait for the Numerai round to open; decline (reported) when the round is missed")]
[StageOutput("round", Kind = OutputKind.Value, Description = "The open round's number")]
[StageOutput("state", Kind = OutputKind.Value, Description = "open, or late (staking closed, late submissions taken; only with allow_late)")]
[StageOutput("open_time", Kind = OutputKind.Value, Description = "When the round opened (ISO 8601 UTC)")]
[StageOutput("close_staking_time", Kind = OutputKind.Value, Description = "When on-time submissions close (ISO 8601 UTC)")]
[StageOutput("seconds_left", Kind = OutputKind.Value, Description = "Seconds from now until the staking close")]
[StageVariable(NumeraiClientOptions.ApiUrlVariable, Description = "Numerai's GraphQL endpoint when a stage's api_url is not set (default https://api-tournament.numer.ai)")]
[StageVariable(NumeraiCredentials.PublicIdVariable, IsSecret = true, Description = "Numerai API key, public part (numer.ai -> Account -> API keys, with the upload scope)")]
[StageVariable(NumeraiCredentials.SecretKeyVariable, IsSecret = true, Description = "Numerai API key, secret part")]
public sealed class RoundStage : IStage<RoundOptions>, IExternalVersionSource<RoundOptions>
{
    /// <inheritdoc />
    public async Task<string?> GetExternalVersionAsync(StageContext context, RoundOptions options, CancellationToken cancellationToken)
    {
        using var client = NumeraiApiFactory.Create(context, options.ApiUrl, options.PublicId, options.SecretKey);
        try
        {
            return $"round-{(await client.GetCurrentRoundAsync(cancellationToken)).Number}";
        }
        catch (NumeraiApiException e) when (e.Code == NumeraiErrors.RoundNotOpen.Code)
        {
            // Between rounds: a new value each time, so the stage runs and waits for the next round.
            return "no-round-" + context.RunId;
        }
        catch (NumeraiApiException e)
        {
            throw e.ToStageException(context);
        }
    }

    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, RoundOptions options, CancellationToken cancellationToken)
    {
        var maxWait = Duration(context, "max_wait", options.MaxWait);
        var poll = Duration(context, "poll_interval", options.PollInterval);
        var minLeft = Duration(context, "min_time_left", options.MinTimeLeft);
        if (poll <= TimeSpan.Zero)
        {
            poll = TimeSpan.FromSeconds(1);
        }

        using var client = NumeraiApiFactory.Create(context, options.ApiUrl, options.PublicId, options.SecretKey);
        using var activity = context.ActivitySource.StartActivity("round");
        var started = context.Time.GetUtcNow();
        var polls = 0;
        while (true)
        {
            var now = context.Time.GetUtcNow();
            RoundInfo? round = null;
            try
            {
                round = await client.GetCurrentRoundAsync(cancellationToken);
                polls++;
            }
            catch (NumeraiApiException e) when (e.Code == NumeraiErrors.RoundNotOpen.Code)
            {
                polls++;
            }
            catch (NumeraiApiException e)
            {
                throw e.ToStageException(context);
            }

            if (round is not null)
            {
                activity?.SetTag("numerai.round", round.Number);
                var close = round.CloseStakingTime;
                var left = close is { } c ? c - now : TimeSpan.MaxValue;
                var opened = round.OpenTime is not { } openedAt || openedAt <= now;
                if (opened && left > TimeSpan.Zero && left >= minLeft)
                {
                    return Succeed(context, round, "open", now, activity);
                }

                var lateOpen = round.CloseTime is not { } end || now < end;
                if (options.AllowLate && lateOpen && round.OpenTime is { } lateOpenedAt && lateOpenedAt < now)
                {
                    return Succeed(context, round, "late", now, activity);
                }

                var fullyClosed = round.CloseTime is { } closeAll && closeAll <= now;
                if ((round.OpenTime is { } o && o > now) || fullyClosed)
                {
                    // Announced but not open yet, or the previous round is over: between rounds, wait for the next.
                }
                else
                {
                    var when = close is { } cs ? cs.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) : "an unknown time";
                    var why = left < TimeSpan.Zero
                        ? $"round {round.Number} closed for on-time submissions at {when}"
                        : $"round {round.Number} closes for on-time submissions at {when}, {left.TotalMinutes:0.#} min from now, less than min_time_left {minLeft.TotalMinutes:0.#} min";
                    context.AddSummary("round", $"{round.Number} (missed)");
                    return DownloadErrors.RoundMissed.Decline(why, options.AllowLate ? "late submissions are closed too" : "set allow_late: true to submit late");
                }
            }

            var waited = now - started;
            if (!options.WaitForOpen || waited + poll > maxWait)
            {
                context.AddSummary("round", "none open");
                return DownloadErrors.NoRoundOpened.Decline(
                    options.WaitForOpen
                        ? $"opened within max_wait {maxWait} ({polls} checks since {started.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)})"
                        : "is open (wait_for_open is false)");
            }

            context.Progress.Report(new StageProgress("waiting for the round to open", waited.TotalMinutes, maxWait.TotalMinutes, "minutes"));
            context.Logger.LogInformation("No round open yet; checking again in {Interval} (waited {Waited} of {MaxWait})", poll, waited, maxWait);
            await Task.Delay(poll, context.Time, cancellationToken);
        }
    }

    private static StageResult Succeed(StageContext context, RoundInfo round, string state, DateTimeOffset now, System.Diagnostics.Activity? activity)
    {
        var left = round.CloseStakingTime is { } c ? Math.Max(0, (c - now).TotalSeconds) : 0;
        context.Outputs.SetValue("round", round.Number.ToString(CultureInfo.InvariantCulture));
        context.Outputs.SetValue("state", state);
        context.Outputs.SetValue("open_time", round.OpenTime?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "");
        context.Outputs.SetValue("close_staking_time", round.CloseStakingTime?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "");
        context.Outputs.SetValue("seconds_left", left.ToString("0", CultureInfo.InvariantCulture));
        context.AddSummary("round", $"{round.Number} ({state}, {left / 60:0} min left)");
        activity?.SetTag("numerai.round.state", state);
        return StageResult.Succeeded();
    }

    private static TimeSpan Duration(StageContext context, string option, string text) =>
        DurationText.TryParse(text, out var value)
            ? value
            : throw DownloadErrors.BadDuration.Exception(option, text);
}
