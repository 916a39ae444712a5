using System.Globalization;
using System.Net;
using System.Text;
using NumeraiPipeline.Plugins.Numerai.Metrics.Document;
using NumeraiPipeline.Numerai.Scoring.CrossValidation;

namespace NumeraiPipeline.Plugins.Numerai.Metrics.Report;

/// <summary>The report's Cross-validation section: the out-of-fold CORR, then one row a fold (test eras, rows, CORR).</summary>
internal static class CvSection
{
    public static void Append(StringBuilder sb, CvMetricsDocument cv, IReadOnlyList<(string Caption, string File, byte[] Png)> charts)
    {
        sb.Append("<h2>Cross-validation</h2>\n<p>").Append(cv.Folds).Append(" folds of contiguous eras, embargo ").Append(cv.Embargo)
          .Append(" era(s) on each side of every test block; ").Append(cv.Rows.ToString("N0", CultureInfo.InvariantCulture)).Append(" rows of ")
          .Append(cv.Eras).Append(" eras, each predicted once by a model that saw neither its era nor the embargo")
          .Append(cv.Target is null ? string.Empty : $" (target <code>{WebUtility.HtmlEncode(cv.Target)}</code>)").Append(".</p>\n");
        sb.Append("<table id=\"cv-folds\">\n<thead><tr><th>fold</th><th>test eras</th><th>train eras</th><th>embargoed</th><th>train rows</th><th>test rows</th>")
          .Append("<th>CORR mean</th><th>std</th><th>sharpe</th><th>max drawdown</th></tr></thead>\n<tbody>\n");
        foreach (var f in cv.PerFold)
        {
            sb.Append("<tr data-fold=\"").Append(f.Fold).Append("\"><td>").Append(f.Fold).Append("</td><td>")
              .Append(WebUtility.HtmlEncode(f.FirstTestEra)).Append("–").Append(WebUtility.HtmlEncode(f.LastTestEra)).Append(" (").Append(f.TestEras).Append(")</td><td>")
              .Append(f.TrainEras).Append("</td><td>").Append(f.EmbargoedEras).Append("</td><td>")
              .Append(f.TrainRows.ToString("N0", CultureInfo.InvariantCulture)).Append("</td><td>").Append(f.TestRows.ToString("N0", CultureInfo.InvariantCulture)).Append("</td>");
            AppendCorr(sb, f.Corr);
            sb.Append("</tr>\n");
        }

        sb.Append("<tr data-fold=\"oof\"><td>out of fold</td><td>").Append(cv.Oof!.Eras).Append(" eras</td><td colspan=\"4\"></td>");
        AppendCorr(sb, cv.Oof);
        sb.Append("</tr>\n</tbody>\n</table>\n");
        foreach (var (caption, file, png) in charts)
        {
            sb.Append("<figure><img alt=\"").Append(WebUtility.HtmlEncode(caption)).Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png))
              .Append("\"><figcaption>").Append(WebUtility.HtmlEncode(caption)).Append(" (also <a href=\"").Append(WebUtility.HtmlEncode(file)).Append("\">")
              .Append(WebUtility.HtmlEncode(file)).Append("</a>)</figcaption></figure>\n");
        }
    }

    private static void AppendCorr(StringBuilder sb, CvSeries corr)
    {
        foreach (var v in new[] { corr.Mean, corr.Std, corr.Sharpe, corr.MaxDrawdown })
        {
            sb.Append(v is < 0 ? "<td class=\"neg\">" : "<td>").Append(HtmlReport.Number(v)).Append("</td>");
        }
    }
}
