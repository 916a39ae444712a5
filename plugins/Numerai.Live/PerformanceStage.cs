using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Numerai.Api.Live;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Live;

/// <summary>
/// What a model does live: fetches its resolved and resolving rounds from Numerai (v2RoundModelPerformances), writes
/// performance.json and a per-round CSV, and outputs the figures of its last <c>live_rounds</c> resolved rounds
/// (mean live CORR, MMC, BMC, payout) for numerai.report's Live section and numerai.gate's live checks.
/// </summary>
[Stage("numerai.performance", Description = "A model's live rounds from Numerai: performance.json, rounds.csv and the mean live CORR/MMC/BMC of its last resolved rounds")]
[StageOutput("performance", Description = "performance.json: every round (status, scores, payout) and the summary of the last live_rounds resolved rounds.")]
[StageOutput("rounds", Description = "rounds.csv: one row per round (round, status, day, corr, mmc, bmc, at_risk, payout, open_time, resolve_time).")]
[StageOutput("corr_mean", Kind = OutputKind.Value, Description = "Mean live CORR of the last live_rounds resolved rounds (empty when none).")]
[StageOutput("corr_sharpe", Kind = OutputKind.Value, Description = "Mean / std of that live CORR (empty when undefined).")]
[StageOutput("mmc_mean", Kind = OutputKind.Value, Description = "Mean live MMC of the last live_rounds resolved rounds.")]
[StageOutput("bmc_mean", Kind = OutputKind.Value, Description = "Mean live BMC of the last live_rounds resolved rounds.")]
[StageOutput("payout_total", Kind = OutputKind.Value, Description = "NMR won (negative: burned) over the last live_rounds resolved rounds.")]
[StageOutput("resolved_rounds", Kind = OutputKind.Value, Description = "Resolved rounds the figures cover (at most live_rounds).")]
[StageOutput("resolving_rounds", Kind = OutputKind.Value, Description = "Rounds scored daily but not resolved yet.")]
[StageVariable(NumeraiClientOptions.ApiUrlVariable, Description = "Numerai's GraphQL endpoint when a stage's api_url is not set (default https://api-tournament.numer.ai)")]
[StageVariable(NumeraiCredentials.PublicIdVariable, IsSecret = true, Description = "Numerai API key, public part (numer.ai -> Account -> API keys, with the upload scope)")]
[StageVariable(NumeraiCredentials.SecretKeyVariable, IsSecret = true, Description = "Numerai API key, secret part")]
public sealed class PerformanceStage : IStage<PerformanceOptions>, IExternalVersionSource<PerformanceOptions>
{
    /// <summary>A hash of Numerai's answer: the stage reruns when a round got a new score, and is up to date otherwise.</summary>
    /// <param name="context">The context.</param>
    /// <param name="options">The options.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The version.</returns>
    public async Task<string?> GetExternalVersionAsync(StageContext context, PerformanceOptions options, CancellationToken cancellationToken)
    {
        var (_, performances) = await FetchAsync(context, options, cancellationToken);
        var text = string.Join('\n', performances.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{p.RoundNumber}|{p.Resolved}|{string.Join(',', p.Scores.Select(s => $"{s.DisplayName}:{s.Day}:{s.Value:R}"))}|{p.DailyScores.Count}")));
        return "performance-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, PerformanceOptions options, CancellationToken cancellationToken)
    {
        using var activity = context.ActivitySource.StartActivity("performance");
        var (model, performances) = await FetchAsync(context, options, cancellationToken);
        var document = LivePerformance.From(model.Name, model.Id, context.Time.GetUtcNow(), performances, options.LiveRounds);
        var summary = document.Summary;
        var resolving = document.Rounds.Count(r => r.Status == LiveStatus.Resolving);
        activity?.SetTag("numerai.model", model.Name);
        activity?.SetTag("rounds", document.Rounds.Count);

        await context.Outputs.WriteFileAsync("performance", "performance.json", (path, ct) => File.WriteAllTextAsync(path, document.ToJson(), ct), cancellationToken);
        await context.Outputs.WriteFileAsync("rounds", "rounds.csv", (path, ct) => File.WriteAllTextAsync(path, Csv(document), ct), cancellationToken);
        context.Outputs.SetValue("corr_mean", Text(summary.CorrMean));
        context.Outputs.SetValue("corr_sharpe", Text(summary.CorrSharpe));
        context.Outputs.SetValue("mmc_mean", Text(summary.MmcMean));
        context.Outputs.SetValue("bmc_mean", Text(summary.BmcMean));
        context.Outputs.SetValue("payout_total", summary.PayoutTotal.ToString(CultureInfo.InvariantCulture));
        context.Outputs.SetValue("resolved_rounds", summary.Rounds.ToString(CultureInfo.InvariantCulture));
        context.Outputs.SetValue("resolving_rounds", resolving.ToString(CultureInfo.InvariantCulture));
        context.AddSummary(
            "live",
            summary.Rounds == 0
                ? $"no resolved round yet ({resolving} resolving)"
                : string.Create(CultureInfo.InvariantCulture, $"corr {F(summary.CorrMean)} mmc {F(summary.MmcMean)} bmc {F(summary.BmcMean)} payout {summary.PayoutTotal:0.##} NMR over {summary.Rounds} resolved rounds ({summary.FirstRound}-{summary.LastRound}), {resolving} resolving"));
        context.Logger.LogInformation(
            "Model {Model}: {Rounds} rounds ({Resolved} resolved in the last {Window}, {Resolving} resolving); live CORR mean {Corr}, MMC mean {Mmc}",
            model.Name, document.Rounds.Count, summary.Rounds, options.LiveRounds, resolving, F(summary.CorrMean), F(summary.MmcMean));
        return StageResult.Succeeded();
    }

    private static async Task<(ModelInfo Model, IReadOnlyList<RoundPerformance> Rounds)> FetchAsync(StageContext context, PerformanceOptions options, CancellationToken cancellationToken)
    {
        using var client = LiveClientFactory.Create(context, options.ApiUrl, options.PublicId, options.SecretKey);
        try
        {
            var model = await client.GetModelByNameAsync(options.Model!, cancellationToken);
            return (model, await client.GetRoundModelPerformancesAsync(model.Id, options.Daily, cancellationToken));
        }
        catch (NumeraiApiException e)
        {
            throw e.ToStageException(context);
        }
    }

    private static string Csv(LivePerformance document)
    {
        var sb = new StringBuilder("round,status,day,corr,mmc,bmc,corr_with_meta_model,at_risk,payout,open_time,resolve_time\n");
        foreach (var r in document.Rounds)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{r.Round},{r.Status},{r.Day},{R(r.Corr)},{R(r.Mmc)},{R(r.Bmc)},{R(r.CorrWithMetaModel)},{r.AtRisk},{r.Payout},{Time(r.OpenTime)},{Time(r.ResolveTime)}\n");
        }

        return sb.ToString();
    }

    private static string R(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Text(double? v) => R(v);

    private static string F(double? v) => v?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "n/a";

    private static string Time(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
}
