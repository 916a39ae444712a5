using System.Globalization;
using System.Text.Json;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Sdk;
using Parquet;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>
/// What <c>numerai-pipeline doctor</c> checks before a download, without downloading: the version and files are
/// offered, their sizes (ranged reads of the signed URLs) against the free disk of the workspace; and, for the checks
/// of the stages that use the files, the training set's rows and feature columns (its parquet footer, read remotely)
/// and the feature sets' sizes (features.json).
/// </summary>
[StageVariable(NumeraiClientOptions.ApiUrlVariable, Description = "Numerai's GraphQL endpoint when a stage's api_url is not set (default https://api-tournament.numer.ai)")]
[StageVariable(NumeraiCredentials.PublicIdVariable, IsSecret = true, Description = "Numerai API key, public part (numer.ai -> Account -> API keys, with the upload scope)")]
[StageVariable(NumeraiCredentials.SecretKeyVariable, IsSecret = true, Description = "Numerai API key, secret part")]
public sealed partial class DownloadStage : IStageCheck<DownloadOptions>
{
    /// <summary>Free space beyond the files' size that a run wants (predictions, models, temporary files).</summary>
    private const double Headroom = 1.2;

    /// <inheritdoc />
    public async Task<IReadOnlyList<CheckResult>> CheckAsync(CheckContext context, DownloadOptions options, CancellationToken cancellationToken)
    {
        const string Disk = "free disk";
        if (context.SourceStageOf("api_url") is { } source)
        {
            return [CheckResult.Skipped(Disk, $"the files come from the endpoint of stage '{source}' when the run gets there")];
        }

        Uri endpoint;
        try
        {
            endpoint = NumeraiClientOptions.ResolveEndpoint(options.ApiUrl, context.GetEnvironmentVariable);
        }
        catch (ArgumentException e)
        {
            return [CheckResult.Failed("numerai endpoint", e.Message, $"Set api_url or {NumeraiClientOptions.ApiUrlVariable} to an http(s) URL.")];
        }

        using var client = new NumeraiClient(new NumeraiClientOptions { Endpoint = endpoint, MaxAttempts = 2, RequestTimeout = TimeSpan.FromSeconds(20) }, context.Logger);
        using var http = context.CreateHttpClient(new HttpRetryOptions { MaxAttempts = 2, AttemptTimeout = TimeSpan.FromSeconds(30) });
        IReadOnlyList<string> listing;
        try
        {
            listing = await client.ListDatasetsAsync(options.Round, cancellationToken);
        }
        catch (NumeraiApiException e)
        {
            return [CheckResult.Failed("numerai datasets", e.Message, "Check the network and api_url / NUMERAI_API_URL.")];
        }

        var versions = DatasetVersions.FromListing(listing);
        var version = string.Equals(options.Version, "latest", StringComparison.OrdinalIgnoreCase) ? versions.LastOrDefault() : versions.FirstOrDefault(v => v == options.Version);
        if (version is null)
        {
            return [CheckResult.Failed("numerai datasets", $"version '{options.Version}' is not offered (offered: {(versions.Count == 0 ? "none" : string.Join(", ", versions))})", "Set 'version' (NUMERAI_DATASET_VERSION for numerai-daily) to an offered version or 'latest'.")];
        }

        var missing = options.Files.Where(f => !listing.Contains($"{version}/{f}")).ToList();
        if (missing.Count > 0)
        {
            return [CheckResult.Failed("numerai datasets", $"{string.Join(", ", missing)} not offered for {version}", "Remove them from 'files' or pick another version.")];
        }

        long total = 0;
        var rows = new List<CheckResult>();
        foreach (var file in options.Files)
        {
            try
            {
                var url = await client.GetDatasetUrlAsync($"{version}/{file}", options.Round, cancellationToken);
                await using var remote = await RemoteFile.OpenAsync(http, url, cancellationToken);
                total += remote.Length;
                await LearnAsync(context, file, remote, cancellationToken);
            }
            catch (Exception e) when (e is NumeraiApiException or HttpRequestException or IOException or JsonException or InvalidDataException)
            {
                var message = e is NumeraiApiException ? e.Message : $"{file} of {version} could not be read remotely: {e.Message.TrimEnd('.')}";
                rows.Add(CheckResult.Failed("numerai datasets", context.Secrets.Redact(message), "Check the network; a round that is not open yet has no live files (numerai.round waits for it)."));
                return rows;
            }
        }

        var folder = ExistingFolder(context.WorkspaceDirectory);
        var free = new DriveInfo(folder).AvailableFreeSpace;
        var detail = $"{Size(total)} for {options.Files.Count} files of {version}; {Size(free)} free in {folder}";
        const string Fix = "Free disk space on that volume, or put the workspace on a larger one (--workspace DIR); download fewer files.";
        rows.Add(free < total
            ? CheckResult.Failed(Disk, detail, Fix)
            : free < total * Headroom
                ? CheckResult.Warning(Disk, detail + " (under 20 % to spare for models and predictions)", Fix)
                : CheckResult.Ok(Disk, detail));
        return rows;
    }

    /// <summary>Facts for later stages' checks: a parquet file's rows and feature columns; features.json's feature sets.</summary>
    private static async Task LearnAsync(CheckContext context, string file, RemoteFile remote, CancellationToken cancellationToken)
    {
        var output = DatasetFiles.OutputName(file);
        if (file.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            await using var reader = await ParquetReader.CreateAsync(remote, cancellationToken: cancellationToken);
            context.SetOutputFact(output, "rows", reader.Metadata!.NumRows.ToString(CultureInfo.InvariantCulture));
            var features = reader.Schema.GetDataFields().Count(f => f.Name.StartsWith("feature_", StringComparison.Ordinal));
            context.SetOutputFact(output, "features", features.ToString(CultureInfo.InvariantCulture));
        }
        else if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && remote.Length < 64 << 20)
        {
            using var document = await JsonDocument.ParseAsync(remote, cancellationToken: cancellationToken);
            if (document.RootElement.TryGetProperty("feature_sets", out var sets) && sets.ValueKind == JsonValueKind.Object)
            {
                foreach (var set in sets.EnumerateObject().Where(s => s.Value.ValueKind == JsonValueKind.Array))
                {
                    context.SetOutputFact(output, "feature_set." + set.Name, set.Value.GetArrayLength().ToString(CultureInfo.InvariantCulture));
                }
            }
        }
    }

    private static string ExistingFolder(string path)
    {
        var full = Path.GetFullPath(path);
        while (!Directory.Exists(full) && Path.GetDirectoryName(full) is { } parent)
        {
            full = parent;
        }

        return full;
    }

    private static string Size(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB");
}
