namespace NumeraiPipeline.Numerai.Api;

/// <summary>A submission file as pandas' <c>read_csv</c> would see it: header names, ids and numeric values (null = NaN or NA marker; double.NaN = text that is not a number).</summary>
/// <param name="Columns">The header names in order.</param>
/// <param name="Ids">The first column (null = empty or an NA marker).</param>
/// <param name="Values">The second column as numbers (null = empty, NA marker or NaN; double.NaN = not a number).</param>
/// <param name="NonNumericValue">The first value of the second column that is not a number, if any.</param>
public sealed record SubmissionTable(IReadOnlyList<string> Columns, IReadOnlyList<string?> Ids, IReadOnlyList<double?> Values, string? NonNumericValue);
