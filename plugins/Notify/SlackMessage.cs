using System.Text;
using System.Text.Json.Nodes;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>Builds the incoming-webhook JSON: a fallback <c>text</c> plus blocks (header, one section per stage).</summary>
internal static class SlackMessage
{
    /// <summary>Builds the payload.</summary>
    public static JsonObject Build(RunReport report, string title)
    {
        var headline = (string.IsNullOrWhiteSpace(title) ? "" : title.Trim() + " · ") + report.Headline;
        var stages = new StringBuilder();
        foreach (var stage in report.Stages)
        {
            stages.Append(Icon(stage.Outcome)).Append(" *").Append(Escape(stage.StageId)).Append("* ")
                .Append(RunReport.OutcomeText(stage.Outcome)).Append(" in ").Append(RunReport.FormatDuration(stage.Duration));
            if (stage.Summary.Count > 0)
            {
                stages.Append("\n      ").Append(Escape(string.Join(", ", stage.Summary.Select(kv => $"{kv.Key}: {kv.Value}"))));
            }

            if (!string.IsNullOrWhiteSpace(stage.Message))
            {
                stages.Append("\n      _").Append(Escape((stage.Code is null ? "" : stage.Code + ": ") + stage.Message)).Append('_');
            }

            stages.Append('\n');
        }

        if (report.Stages.Count == 0)
        {
            stages.Append("(no stage finished before this notifier)");
        }

        var context = $"run `{report.RunId}` · started {report.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
        return new JsonObject
        {
            ["text"] = Escape(headline) + "\n" + Escape(report.ToText()),
            ["blocks"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "header",
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate(headline, 150) },
                },
                new JsonObject
                {
                    ["type"] = "section",
                    ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Truncate(stages.ToString().TrimEnd(), 3000) },
                },
                new JsonObject
                {
                    ["type"] = "context",
                    ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = context }),
                }),
        };
    }

    /// <summary>Slack's mrkdwn needs &amp;, &lt; and &gt; escaped.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Icon(StageOutcome outcome) => outcome switch
    {
        StageOutcome.Succeeded => ":white_check_mark:",
        StageOutcome.UpToDate => ":white_check_mark:",
        StageOutcome.Declined => ":no_entry_sign:",
        StageOutcome.Failed => ":x:",
        StageOutcome.Skipped => ":fast_forward:",
        _ => ":black_square_for_stop:",
    };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
