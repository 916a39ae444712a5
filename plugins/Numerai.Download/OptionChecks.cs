using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using NumeraiPipeline.Numerai.Api;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>
/// The plan-time checks of numerai.download and numerai.round options (everything that needs no call to Numerai):
/// dataset file names against the names Numerai uses (a version's own listing is known only when the stage runs, and
/// checked then), version names, durations, endpoints.
/// </summary>
internal static partial class OptionChecks
{
    public static IEnumerable<ValidationResult> Download(DownloadOptions options)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in options.Files)
        {
            if (!DatasetFiles.Known.Contains(file))
            {
                var suggestion = DatasetFiles.Suggest(file);
                yield return new ValidationResult(
                    $"option 'files': '{file}' is not a Numerai dataset file this stage knows (known: {string.Join(", ", DatasetFiles.Known)}).{(suggestion is null ? "" : $" Did you mean '{suggestion}'?")}",
                    [nameof(DownloadOptions.Files)]);
            }
            else if (!seen.Add(file))
            {
                yield return new ValidationResult($"option 'files' lists '{file}' twice. Keep one.", [nameof(DownloadOptions.Files)]);
            }
        }

        if (!string.Equals(options.Version, "latest", StringComparison.OrdinalIgnoreCase) && !VersionPattern().IsMatch(options.Version))
        {
            var digits = options.Version.Trim().TrimStart('v', 'V');
            var hint = VersionPattern().IsMatch("v" + digits) ? $" Did you mean 'v{digits}'?" : string.Empty;
            yield return new ValidationResult(
                $"option 'version': '{options.Version}' is not a Numerai dataset version: write it as Numerai names them (v5.0, v5.1, v5.2, ...) or 'latest'.{hint}",
                [nameof(DownloadOptions.Version)]);
        }

        if (Endpoint(options.ApiUrl) is { } endpoint)
        {
            yield return new ValidationResult(endpoint, [nameof(DownloadOptions.ApiUrl)]);
        }
    }

    public static IEnumerable<ValidationResult> Round(RoundOptions options)
    {
        foreach (var (option, member, text) in new[]
        {
            ("max_wait", nameof(RoundOptions.MaxWait), options.MaxWait),
            ("poll_interval", nameof(RoundOptions.PollInterval), options.PollInterval),
            ("min_time_left", nameof(RoundOptions.MinTimeLeft), options.MinTimeLeft),
        })
        {
            if (!DurationText.TryParse(text, out var value))
            {
                yield return new ValidationResult($"option '{option}': '{text}' is not a duration. {DurationText.Forms}.{DurationText.Suggest(text)}", [member]);
            }
            else if (option == "poll_interval" && value <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"option 'poll_interval' must be more than 0 (e.g. 60s).", [member]);
            }
        }

        if (Endpoint(options.ApiUrl) is { } endpoint)
        {
            yield return new ValidationResult(endpoint, [nameof(RoundOptions.ApiUrl)]);
        }
    }

    /// <summary>The problem with an api_url option (empty: NUMERAI_API_URL or the real endpoint, checked when the stage runs).</summary>
    private static string? Endpoint(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        if (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0)
        {
            return null;
        }

        var hint = uri is { Host.Length: > 0 } ? $" Did you mean 'https://{uri.Authority}{uri.AbsolutePath}'?"
            : !url.Contains("://", StringComparison.Ordinal) && Uri.TryCreate("https://" + url.Trim(), UriKind.Absolute, out var guess) && guess.Host.Contains('.', StringComparison.Ordinal) ? $" Did you mean 'https://{url.Trim()}'?"
            : string.Empty;
        return $"option 'api_url': '{url}' is not an http(s) URL. Set it to e.g. https://api-tournament.numer.ai, or leave it empty for NUMERAI_API_URL.{hint}";
    }

    [GeneratedRegex(@"^v[0-9]+(\.[0-9]+)*$")]
    private static partial Regex VersionPattern();
}
