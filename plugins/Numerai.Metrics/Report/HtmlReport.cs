using System.Globalization;
using System.Net;
using System.Text;
using NumeraiPipeline.Numerai.Api.Live;
using NumeraiPipeline.Plugins.Numerai.Metrics.Document;
using NumeraiPipeline.Numerai.Scoring.CrossValidation;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Report;

/// <summary>Builds the self-contained report page: summary table, embedded charts (data URIs), per-era table.</summary>
internal static class HtmlReport
{
    private static readonly (string Key, string Label)[] SeriesRows =
    [
        ("corr", "CORR"), ("mmc", "MMC"), ("bmc", "BMC"), ("fnc", "FNC"),
        ("corr_with_meta_model", "CORR with meta model"), ("corr_with_benchmark", "CORR with benchmark"),
    ];

    /// <summary>Formats a metric value as the report shows it.</summary>
    public static string Number(double? v) => v is { } x ? x.ToString("0.0000", CultureInfo.InvariantCulture) : "–";

    public static string Build(
        string title,
        DateTimeOffset generated,
        MetricsDocument doc,
        IReadOnlyList<(string Caption, string File, byte[] Png)> charts,
        LivePerformance? live = null,
        IReadOnlyList<(string Caption, string File, byte[] Png)>? liveCharts = null,
        CvMetricsDocument? cv = null,
        IReadOnlyList<(string Caption, string File, byte[] Png)>? cvCharts = null)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(title)).Append("</title>\n<style>\n")
          .Append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem;color:#222;max-width:1000px}\n")
          .Append("table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}\n")
          .Append("th:first-child,td:first-child{text-align:left}thead{background:#f3f3f3}.neg{color:#b22}\n")
          .Append("figure{margin:1.5rem 0}img{max-width:100%;border:1px solid #eee}figcaption{color:#555;font-size:.9rem}\n")
          .Append("</style>\n</head>\n<body>\n");
        sb.Append("<h1>").Append(E(title)).Append("</h1>\n");
        sb.Append("<p>Target <code>").Append(E(doc.Info.Target)).Append("</code>, ")
          .Append(doc.Info.Eras).Append(" eras, ").Append(doc.Info.Rows.ToString("N0", CultureInfo.InvariantCulture)).Append(" rows scored");
        if (doc.Info.BenchmarkColumn is { } bench)
        {
            sb.Append(", benchmark <code>").Append(E(bench)).Append("</code>");
        }

        if (doc.Info.Features > 0)
        {
            sb.Append(", ").Append(doc.Info.Features).Append(" features");
        }

        sb.Append(". Generated ").Append(generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append(".</p>\n");

        sb.Append("<h2>Summary</h2>\n<table id=\"summary\">\n<thead><tr><th>metric</th><th>mean</th><th>std</th><th>sharpe</th><th>max drawdown</th><th>eras</th></tr></thead>\n<tbody>\n");
        foreach (var (key, label) in SeriesRows)
        {
            if (doc.SeriesByName(key) is not { } s)
            {
                continue;
            }

            sb.Append("<tr data-metric=\"").Append(key).Append("\"><td>").Append(label).Append("</td>")
              .Append(Cell(s.Mean)).Append(Cell(s.Std)).Append(Cell(s.Sharpe)).Append(Cell(s.MaxDrawdown))
              .Append("<td>").Append(s.Eras).Append("</td></tr>\n");
        }

        if (doc.FeatureExposure is { } fe)
        {
            sb.Append("<tr data-metric=\"feature_exposure\"><td>max feature exposure (mean; max)</td>").Append(Cell(fe.Mean))
              .Append("<td colspan=\"3\">max ").Append(Number(fe.Max)).Append("</td><td>").Append(fe.PerEra.Count).Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");

        if (cv is not null)
        {
            CvSection.Append(sb, cv, cvCharts ?? []);
        }

        if (live is not null)
        {
            LiveSection.Append(sb, live, doc, liveCharts ?? []);
            sb.Append("<h2>Validation</h2>\n");
        }

        foreach (var (caption, file, png) in charts)
        {
            sb.Append("<figure><img alt=\"").Append(E(caption)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png))
              .Append("\"><figcaption>").Append(E(caption)).Append(" (also <a href=\"").Append(E(file)).Append("\">").Append(E(file)).Append("</a>)</figcaption></figure>\n");
        }

        AppendPerEra(sb, doc);
        if (doc.Info.Notes.Count > 0)
        {
            sb.Append("<h2>Notes</h2>\n<ul>\n");
            foreach (var note in doc.Info.Notes)
            {
                sb.Append("<li>").Append(E(note)).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }

        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void AppendPerEra(StringBuilder sb, MetricsDocument doc)
    {
        var present = SeriesRows.Where(r => doc.SeriesByName(r.Key) is not null).ToList();
        var eras = doc.Corr?.PerEra.Keys.ToList() ?? [];
        sb.Append("<h2>Per era</h2>\n<details open><summary>").Append(eras.Count).Append(" eras</summary>\n<table id=\"per-era\">\n<thead><tr><th>era</th>");
        foreach (var (_, label) in present)
        {
            sb.Append("<th>").Append(label).Append("</th>");
        }

        if (doc.FeatureExposure is not null)
        {
            sb.Append("<th>max feature exposure</th><th>feature</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var era in eras)
        {
            sb.Append("<tr><td>").Append(E(era)).Append("</td>");
            foreach (var (key, _) in present)
            {
                sb.Append(Cell(doc.SeriesByName(key)!.PerEra.GetValueOrDefault(era)));
            }

            if (doc.FeatureExposure is { } fe)
            {
                sb.Append(Cell(fe.PerEra.GetValueOrDefault(era))).Append("<td>").Append(E(fe.PerEraFeature.GetValueOrDefault(era) ?? "")).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n</details>\n");
    }

    private static string Cell(double? v) => v is < 0 ? $"<td class=\"neg\">{Number(v)}</td>" : $"<td>{Number(v)}</td>";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
