using System.Globalization;
using System.Net;
using System.Text;
using NumeraiPipeline.Numerai.Api.Live;
using NumeraiPipeline.Plugins.Numerai.Metrics.Document;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Report;

/// <summary>
/// The report's Live section from performance.json: live figures of the last resolved rounds beside the validation
/// means, cumulative live CORR/MMC/BMC per resolved round with the validation expectation, payout per round, and the
/// per-round table (newest first).
/// </summary>
internal static class LiveSection
{
    /// <summary>The section's charts: (output name, caption, file, PNG).</summary>
    public static List<(string Output, string Caption, string File, byte[] Png)> Charts(ChartRenderer renderer, LivePerformance live, MetricsDocument validation)
    {
        var resolved = live.Rounds.Where(r => r.Status == LiveStatus.Resolved).ToList();
        var labels = resolved.Select(r => r.Round.ToString(CultureInfo.InvariantCulture)).ToList();
        var series = new List<ChartSeries> { new("CORR", [.. resolved.Select(r => r.Corr ?? double.NaN)]) };
        var expectations = new List<double?> { validation.Corr?.Mean };
        if (resolved.Any(r => r.Mmc is not null))
        {
            series.Add(new ChartSeries("MMC", [.. resolved.Select(r => r.Mmc ?? double.NaN)]));
            expectations.Add(validation.Mmc?.Mean);
        }

        if (resolved.Any(r => r.Bmc is not null))
        {
            series.Add(new ChartSeries("BMC", [.. resolved.Select(r => r.Bmc ?? double.NaN)]));
            expectations.Add(validation.Bmc?.Mean);
        }

        var paid = live.Rounds.Where(r => r.Payout is not null).ToList();
        return
        [
            ("live_png", $"Cumulative live {string.Join(", ", series.Select(s => s.Name))} over {resolved.Count} resolved rounds (dashed: the validation mean per era, as expected per round)", "live.png",
                renderer.LiveCumulative("Cumulative live score per resolved round", labels, series, expectations)),
            ("live_payout_png", $"Payout per round in NMR (pale: pending, round still resolving) of {paid.Count} rounds", "live_payout.png",
                renderer.Payouts("Payout per round", [.. paid.Select(r => r.Round.ToString(CultureInfo.InvariantCulture))], [.. paid.Select(r => ((double)r.Payout!.Value, r.Status == LiveStatus.Resolved))])),
        ];
    }

    /// <summary>Appends the section: comparison table, charts, per-round table.</summary>
    public static void Append(StringBuilder sb, LivePerformance live, MetricsDocument validation, IReadOnlyList<(string Caption, string File, byte[] Png)> charts)
    {
        var s = live.Summary;
        var resolving = live.Rounds.Count(r => r.Status == LiveStatus.Resolving);
        sb.Append("<h2 id=\"live\">Live</h2>\n<p>Model <code>").Append(E(live.Model)).Append("</code> on Numerai: ")
          .Append(live.Rounds.Count(r => r.Status == LiveStatus.Resolved)).Append(" resolved and ").Append(resolving).Append(" resolving rounds, fetched ")
          .Append(live.FetchedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append(". Live figures: the last ")
          .Append(s.Rounds).Append(" resolved rounds").Append(s.FirstRound is { } first ? $" ({first}–{s.LastRound})" : "").Append(".</p>\n");
        sb.Append("<table id=\"live-summary\">\n<thead><tr><th>metric</th><th>validation (mean per era)</th><th>live (mean per round)</th><th>rounds</th></tr></thead>\n<tbody>\n");
        Row(sb, "corr", "CORR", validation.Corr?.Mean, s.CorrMean, s.Rounds);
        Row(sb, "mmc", "MMC", validation.Mmc?.Mean, s.MmcMean, s.Rounds);
        Row(sb, "bmc", "BMC", validation.Bmc?.Mean, s.BmcMean, s.Rounds);
        sb.Append("<tr data-metric=\"payout\"><td>payout (NMR, sum)</td><td>–</td><td>").Append(s.PayoutTotal.ToString("0.####", CultureInfo.InvariantCulture))
          .Append("</td><td>").Append(s.Rounds).Append("</td></tr>\n</tbody>\n</table>\n");
        foreach (var (caption, file, png) in charts)
        {
            sb.Append("<figure><img alt=\"").Append(E(caption)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png))
              .Append("\"><figcaption>").Append(E(caption)).Append(" (also <a href=\"").Append(E(file)).Append("\">").Append(E(file)).Append("</a>)</figcaption></figure>\n");
        }

        sb.Append("<details><summary>").Append(live.Rounds.Count).Append(" rounds</summary>\n<table id=\"live-rounds\">\n<thead><tr><th>round</th><th>status</th><th>day</th><th>CORR</th><th>MMC</th><th>BMC</th><th>at risk</th><th>payout</th></tr></thead>\n<tbody>\n");
        foreach (var r in live.Rounds.OrderByDescending(r => r.Round))
        {
            sb.Append("<tr><td>").Append(r.Round).Append("</td><td>").Append(r.Status).Append("</td><td>").Append(r.Day?.ToString(CultureInfo.InvariantCulture) ?? "–").Append("</td>")
              .Append(Cell(r.Corr)).Append(Cell(r.Mmc)).Append(Cell(r.Bmc))
              .Append("<td>").Append(r.AtRisk?.ToString("0.##", CultureInfo.InvariantCulture) ?? "–").Append("</td>")
              .Append(Cell((double?)r.Payout)).Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n</details>\n");
    }

    private static void Row(StringBuilder sb, string key, string label, double? validation, double? live, int rounds)
    {
        if (validation is null && live is null)
        {
            return;
        }

        sb.Append("<tr data-metric=\"").Append(key).Append("\"><td>").Append(label).Append("</td>").Append(Cell(validation)).Append(Cell(live))
          .Append("<td>").Append(rounds).Append("</td></tr>\n");
    }

    private static string Cell(double? v) => v is < 0 ? $"<td class=\"neg\">{HtmlReport.Number(v)}</td>" : $"<td>{HtmlReport.Number(v)}</td>";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
