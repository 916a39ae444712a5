namespace NumeraiPipeline.Numerai.Api;

/// <summary>
/// Numerai's submission checks (numerai-tools <c>validate_submission_numerai</c>, applied by the server at
/// createSubmission), in the same order and with the same messages: the first failing rule wins.
/// </summary>
public static class SubmissionRules
{
    /// <summary>Rule 1: columns exactly <c>id,prediction</c> or <c>id,probability</c>.</summary>
    public const string Headers = "invalid_submission_headers: headers must be one of ['id'] and one of ['prediction', 'probability']";

    /// <summary>Rule 2: no empty id.</summary>
    public const string NanIds = "invalid_submission_ids: Submission must not contain NaNs in the id column.";

    /// <summary>Rule 3: a live id twice.</summary>
    public const string DuplicateIds = "invalid_submission_ids: Duplicates detected in id for live period.";

    /// <summary>Rule 4: a live id missing.</summary>
    public const string MissingIds = "invalid_submission_ids: Not enough stocks submitted. Are you using the latest live ids or live universe?";

    /// <summary>Rule 5: a NaN prediction on a live row.</summary>
    public const string NanValues = "invalid_submission_values: submission must not contain NaNs";

    /// <summary>Rule 6: a value outside [0, 1] (inclusive, with numpy isclose slack; the word "exclusive" is Numerai's).</summary>
    public const string Range = "invalid_submission_values: values must be between 0 and 1 exclusive";

    /// <summary>Rule 7: all values (nearly) equal.</summary>
    public const string ZeroStd = "invalid_submission_values: submission must have non-zero standard deviation";

    /// <summary>
    /// Not one of numerai-tools' messages: there pandas keeps a non-numeric column as text and the range check crashes.
    /// The real server's reply is unknown; this text is our choice.
    /// </summary>
    public const string NonNumeric = "invalid_submission_values: values must be numbers";

    /// <summary>Validates a parsed submission against the round's live ids.</summary>
    /// <param name="table">The parsed file.</param>
    /// <param name="liveIds">The live ids of the round, or null to skip the id-set rules 3–4 (values are then checked on all rows).</param>
    /// <returns>null when valid, else the message of the first broken rule.</returns>
    public static string? Validate(SubmissionTable table, IReadOnlySet<string>? liveIds)
    {
        if (table.Columns.Count != 2 || table.Columns[0] != "id" || table.Columns[1] is not ("prediction" or "probability"))
        {
            return Headers;
        }

        if (table.Ids.Any(id => id is null))
        {
            return NanIds;
        }

        var rows = Enumerable.Range(0, table.Ids.Count);
        if (liveIds is not null)
        {
            var live = rows.Where(i => liveIds.Contains(table.Ids[i]!)).ToList();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            if (live.Any(i => !seen.Add(table.Ids[i]!)))
            {
                return DuplicateIds;
            }

            if (seen.Count < liveIds.Count)
            {
                return MissingIds;
            }

            rows = live;
        }

        var values = rows.Select(i => table.Values[i]).ToList();
        if (values.Any(v => v is null))
        {
            return NanValues;
        }

        if (values.Any(v => double.IsNaN(v!.Value)))
        {
            return NonNumeric;
        }

        if (values.Any(v => !InRange(v!.Value)))
        {
            return Range;
        }

        return IsCloseToZero(SampleStd(values.Select(v => v!.Value).ToList())) ? ZeroStd : null;
    }

    /// <summary>pandas <c>between(0, 1)</c> or <c>np.isclose</c> to either end (rtol 1e-5, atol 1e-8).</summary>
    private static bool InRange(double v) => (v >= 0 && v <= 1) || IsClose(v, 0) || IsClose(v, 1);

    private static bool IsClose(double a, double b) => Math.Abs(a - b) <= 1e-8 + (1e-5 * Math.Abs(b));

    private static bool IsCloseToZero(double std) => !double.IsNaN(std) && IsClose(std, 0);

    private static double SampleStd(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return double.NaN;
        }

        var mean = values.Average();
        var sum = values.Sum(v => (v - mean) * (v - mean));
        return Math.Sqrt(sum / (values.Count - 1));
    }
}
