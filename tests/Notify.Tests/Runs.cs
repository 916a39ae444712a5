using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Plugins.Notify.Tests;

/// <summary>Fake run histories for the notifier under test.</summary>
internal static class Runs
{
    public static readonly Dictionary<string, string> NoValues = [];

    public static StageSnapshot Stage(string id, string type, StageOutcome outcome, double seconds, IReadOnlyDictionary<string, string>? summary = null, string? message = null, string? code = null, IReadOnlyDictionary<string, string>? outputs = null) =>
        new(id, type, outcome, TimeSpan.FromSeconds(seconds), message, code, outputs ?? NoValues, summary ?? NoValues);

    /// <summary>A run where download and train succeeded, metrics reported, and submit failed.</summary>
    public static void AddFailedSubmission(TestStageContext context)
    {
        context.FinishedStages.Add(Stage("download", "numerai.download", StageOutcome.UpToDate, 0.2, new Dictionary<string, string> { ["round"] = "1234", ["rows"] = "5000" }));
        context.FinishedStages.Add(Stage("train", "lightgbm.train", StageOutcome.Succeeded, 75.5, new Dictionary<string, string> { ["trees"] = "300" }));
        context.FinishedStages.Add(Stage("metrics", "numerai.metrics", StageOutcome.Succeeded, 1.25, new Dictionary<string, string> { ["corr_mean"] = "0.0213", ["sharpe"] = "1.07" }));
        context.FinishedStages.Add(Stage("submit", "numerai.submit", StageOutcome.Failed, 3, message: "the round 1234 closed at 13:00 UTC <before> the upload & check", code: "NP6302"));
        context.FinishedStages.Add(Stage("report", "numerai.report", StageOutcome.Skipped, 0, message: "dependency 'submit' failed"));
    }

    /// <summary>A run that succeeded and submitted.</summary>
    public static void AddSuccessfulSubmission(TestStageContext context)
    {
        context.FinishedStages.Add(Stage("download", "numerai.download", StageOutcome.Succeeded, 12, outputs: new Dictionary<string, string> { ["round"] = "1235" }));
        context.FinishedStages.Add(Stage("submit", "numerai.submit", StageOutcome.Succeeded, 2, new Dictionary<string, string> { ["submission_id"] = "5f2c-subm-0001" }));
    }
}
