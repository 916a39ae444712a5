using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Numerai.Api;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>
/// Downloads dataset files of a version: resumes partial files with Range (a 200 starts again), retries, checks the
/// size and the parquet footer, renames into place; skips unchanged files; live files are keyed on the round.
/// </summary>
[Stage("numerai.download", Description = "Download Numerai dataset files (resumable, verified); live files follow the round")]
[StageOutput("train", Description = "train.parquet")]
[StageOutput("validation", Description = "validation.parquet")]
[StageOutput("live", Description = "live.parquet of the round")]
[StageOutput("features", Description = "features.json")]
[StageOutput("meta_model", Description = "meta_model.parquet")]
[StageOutput("train_benchmark_models", Description = "train_benchmark_models.parquet")]
[StageOutput("validation_benchmark_models", Description = "validation_benchmark_models.parquet")]
[StageOutput("live_benchmark_models", Description = "live_benchmark_models.parquet")]
[StageOutput("validation_example_preds", Description = "validation_example_preds.parquet")]
[StageOutput("live_example_preds", Description = "live_example_preds.parquet")]
[StageOutput("version", Kind = OutputKind.Value, Description = "The dataset version fetched (latest resolved)")]
[StageOutput("round", Kind = OutputKind.Value, Description = "The round the files belong to")]
public sealed partial class DownloadStage : IStage<DownloadOptions>, IExternalVersionSource<DownloadOptions>
{
    /// <inheritdoc />
    public async Task<string?> GetExternalVersionAsync(StageContext context, DownloadOptions options, CancellationToken cancellationToken)
    {
        using var client = NumeraiApiFactory.Create(context, options.ApiUrl, options.PublicId, options.SecretKey);
        try
        {
            var version = ResolveVersion(context, await client.ListDatasetsAsync(options.Round, cancellationToken), options);
            if (!options.Files.Any(DatasetFiles.IsRoundFile))
            {
                return version;
            }

            var round = options.Round ?? (await client.GetCurrentRoundAsync(cancellationToken)).Number;
            return $"{version} round-{round}";
        }
        catch (NumeraiApiException e) when (e.Code == NumeraiErrors.RoundNotOpen.Code)
        {
            return "round-closed";
        }
        catch (NumeraiApiException e)
        {
            throw e.ToStageException(context);
        }
    }

    /// <inheritdoc />
    public async Task<StageResult> RunAsync(StageContext context, DownloadOptions options, CancellationToken cancellationToken)
    {
        CheckFileNames(context, options);
        using var client = NumeraiApiFactory.Create(context, options.ApiUrl, options.PublicId, options.SecretKey);
        try
        {
            var listing = await client.ListDatasetsAsync(options.Round, cancellationToken);
            var version = ResolveVersion(context, listing, options);
            int round;
            try
            {
                round = options.Round ?? (await client.GetCurrentRoundAsync(cancellationToken)).Number;
            }
            catch (NumeraiApiException e) when (e.Code == NumeraiErrors.RoundNotOpen.Code)
            {
                return DownloadErrors.RoundNotOpen.Decline(e.ServerMessage ?? e.Message);
            }

            var missing = options.Files.Where(f => !listing.Contains($"{version}/{f}")).ToList();
            if (missing.Count > 0)
            {
                throw DownloadErrors.FileNotOffered.Exception(
                    context.StageId,
                    string.Join(", ", missing.Select(m => $"'{m}'")),
                    version,
                    string.Join(", ", listing.Where(l => l.StartsWith(version + "/", StringComparison.Ordinal)).Select(l => l[(version.Length + 1)..])));
            }

            var statePath = Path.Combine(context.ScratchDirectory, "download-state.json");
            var state = DownloadState.Load(statePath);
            long total = 0;
            var fetched = 0;
            foreach (var file in options.Files)
            {
                var (bytes, skipped) = await DownloadOneAsync(context, client, state, version, file, round, cancellationToken);
                state.Save(statePath);
                total += bytes;
                fetched += skipped ? 0 : 1;
            }

            context.Outputs.SetValue("version", version);
            context.Outputs.SetValue("round", round.ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.AddSummary("version", version);
            context.AddSummary("round", round.ToString(System.Globalization.CultureInfo.InvariantCulture));
            context.AddSummary("files", $"{fetched} fetched, {options.Files.Count - fetched} unchanged");
            context.AddSummary("bytes", total.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return StageResult.Succeeded();
        }
        catch (NumeraiApiException e)
        {
            throw e.ToStageException(context);
        }
    }

    private static void CheckFileNames(StageContext context, DownloadOptions options)
    {
        foreach (var file in options.Files)
        {
            if (!DatasetFiles.Known.Contains(file))
            {
                var suggestion = DatasetFiles.Suggest(file);
                throw DownloadErrors.UnknownFile.Exception(
                    context.StageId,
                    file,
                    string.Join(", ", DatasetFiles.Known),
                    suggestion is null ? "" : $" Did you mean '{suggestion}'?");
            }
        }
    }

    private static string ResolveVersion(StageContext context, IReadOnlyList<string> listing, DownloadOptions options)
    {
        var versions = DatasetVersions.FromListing(listing);
        if (string.Equals(options.Version, "latest", StringComparison.OrdinalIgnoreCase))
        {
            return versions.Count > 0 ? versions[^1] : throw DownloadErrors.UnknownVersion.Exception(context.StageId, options.Version, "none");
        }

        return versions.Contains(options.Version)
            ? options.Version
            : throw DownloadErrors.UnknownVersion.Exception(context.StageId, options.Version, versions.Count > 0 ? string.Join(", ", versions) : "none");
    }

    private static async Task<(long Bytes, bool Skipped)> DownloadOneAsync(StageContext context, NumeraiClient client, DownloadState state, string version, string file, int round, CancellationToken cancellationToken)
    {
        var name = DatasetFiles.OutputName(file);
        Directory.CreateDirectory(context.Outputs.Directory);
        var destination = Path.Combine(context.Outputs.Directory, file);
        var fileRound = DatasetFiles.IsRoundFile(file) ? round : (int?)null;
        if (state.Files.TryGetValue(name, out var previous) && (previous.Version != version || previous.Round != fileRound) && File.Exists(destination))
        {
            // Another version or round: never reuse the old file even if its size happens to match.
            File.Delete(destination);
        }

        using var activity = context.ActivitySource.StartActivity("download");
        activity?.SetTag("file", $"{version}/{file}");
        activity?.SetTag("numerai.round", round);
        try
        {
            var url = await client.GetDatasetUrlAsync($"{version}/{file}", fileRound ?? (int?)null, cancellationToken);
            context.Secrets.Register(url.ToString());
            var progress = new RateProgress(context, file);
            var result = await client.DownloadFileAsync(url, destination, progress, cancellationToken);
            context.Outputs.AddExistingFile(name, destination);
            state.Files[name] = new DownloadedFile(version, fileRound, result.Bytes);
            activity?.SetTag("bytes", result.Bytes);
            activity?.SetTag("bytes_transferred", result.BytesTransferred);
            activity?.SetTag("duration_ms", (long)result.Duration.TotalMilliseconds);
            activity?.SetTag("resumed", result.Resumed);
            activity?.SetTag("skipped", result.Skipped);
            if (result.Skipped)
            {
                context.Logger.LogInformation("{File} is unchanged ({Bytes} bytes); not downloaded again", file, result.Bytes);
            }
            else
            {
                var seconds = Math.Max(result.Duration.TotalSeconds, 1e-3);
                context.Logger.LogInformation(
                    "Downloaded {File}: {Bytes} bytes in {Seconds:0.0} s ({Rate:0.0} MB/s){Resumed}",
                    file, result.Bytes, result.Duration.TotalSeconds, result.BytesTransferred / seconds / 1e6, result.Resumed ? ", resumed" : "");
            }

            return (result.Bytes, result.Skipped);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, context.Secrets.Redact(e.Message));
            throw;
        }
    }
}
