using System.Text.RegularExpressions;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>Dataset versions as listed by listDatasets (<c>v5.1/train.parquet</c> → <c>v5.1</c>).</summary>
internal static partial class DatasetVersions
{
    public static IReadOnlyList<string> FromListing(IEnumerable<string> listing) =>
        [.. listing.Select(f => f.Split('/')[0]).Where(v => VersionPattern().IsMatch(v)).Distinct().OrderBy(Parse)];

    public static Version Parse(string v) => Version.TryParse(v[1..] + (v.Contains('.', StringComparison.Ordinal) ? "" : ".0"), out var parsed) ? parsed : new Version(0, 0);

    [GeneratedRegex(@"^v\d+(\.\d+)*$")]
    private static partial Regex VersionPattern();
}
