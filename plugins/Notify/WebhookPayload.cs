using System.Globalization;
using System.Text.Json.Nodes;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>The JSON body of <c>notify.webhook</c> (documented in the plugin's README).</summary>
internal static class WebhookPayload
{
    /// <summary>Builds the body.</summary>
    public static JsonObject Build(RunReport report, string deliveryId)
    {
        var stages = new JsonArray();
        foreach (var s in report.Stages)
        {
            stages.Add(new JsonObject
            {
                ["id"] = s.StageId,
                ["type"] = s.StageType,
                ["outcome"] = RunReport.OutcomeText(s.Outcome),
                ["duration_seconds"] = Math.Round(s.Duration.TotalSeconds, 3),
                ["code"] = s.Code,
                ["message"] = s.Message,
                ["summary"] = ToObject(s.Summary),
                ["outputs"] = ToObject(s.Outputs),
            });
        }

        return new JsonObject
        {
            ["delivery_id"] = deliveryId,
            ["pipeline"] = report.Pipeline,
            ["run_id"] = report.RunId,
            ["started_at"] = report.StartedAt.ToString("O", CultureInfo.InvariantCulture),
            ["status"] = report.StatusText,
            ["round"] = report.Round,
            ["summary"] = report.ToText(),
            ["stages"] = stages,
        };
    }

    private static JsonObject ToObject(IReadOnlyDictionary<string, string> values)
    {
        var o = new JsonObject();
        foreach (var (k, v) in values)
        {
            o[k] = v;
        }

        return o;
    }
}
