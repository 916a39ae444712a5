using System.Globalization;
using NumeraiPipeline.Orchestrator.Definition;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Plugins;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.Storage;

namespace NumeraiPipeline.Orchestrator.Doctor;

/// <summary>The doctor's own rows, about the host and nothing of Numerai: plugins, workspace, store.</summary>
internal static class HostChecks
{
    /// <summary>Every plugin loads: one row for the set, one failed row per plugin that did not.</summary>
    public static IEnumerable<CheckResult> Plugins(PluginSet set)
    {
        var folders = string.Join(", ", set.SearchedDirectories.Select(SourceLocation.DisplayPath));
        if (set.Plugins.Count == 0 && set.Diagnostics.Count == 0)
        {
            yield return CheckResult.Failed("plugins", $"no plugins found in {folders}", "Build them with 'dotnet build' (a clone), reinstall the tool, or pass --plugins DIR.");
            yield break;
        }

        var names = string.Join(", ", set.Plugins.Select(p => $"{ShortName(p.Name)} {p.Version}"));
        yield return CheckResult.Ok("plugins", $"{set.Plugins.Count} loaded, {set.Stages.Count} stage types ({names}) from {folders}");
        foreach (var d in set.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            var help = DiagnosticCodes.All().FirstOrDefault(c => c.Code == d.Code)?.Help ?? "See the message.";
            yield return CheckResult.Failed($"plugin {d.Origin}", $"{d.Code}: {d.Message}", help);
        }
    }

    /// <summary>The workspace (or the folder it would be made in) takes a file written, renamed and deleted.</summary>
    public static CheckResult Workspace(string workspace)
    {
        var existing = workspace;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        var probe = Path.Combine(existing, ".doctor-probe-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            File.WriteAllText(probe + ".tmp", "numerai-pipeline doctor");
            File.Move(probe + ".tmp", probe);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(probe + ".tmp");
            return CheckResult.Failed("workspace", $"{SourceLocation.DisplayPath(workspace)} is not writable ({ex.Message.TrimEnd('.')})", "Choose a writable folder with --workspace DIR (or NUMERAI_PIPELINE_WORKSPACE), or fix the folder's permissions.");
        }

        var free = new DriveInfo(existing).AvailableFreeSpace;
        var state = Directory.Exists(workspace) ? "writable" : $"writable (created by the first run, in {SourceLocation.DisplayPath(existing)})";
        return CheckResult.Ok("workspace", $"{SourceLocation.DisplayPath(workspace)} {state}, {Bytes(free)} free");
    }

    /// <summary>
    /// The store, when one is configured: a probe object uploaded, read back, compared and deleted. One attempt per
    /// operation (no retries): the doctor says what is wrong now, where a run would retry within its budget.
    /// </summary>
    public static async Task<CheckResult> StoreAsync(string? uri, TimeSpan timeout, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return CheckResult.Ok("store", $"none configured (--store or {RemoteStores.EnvironmentVariable}): artifacts and stamps stay in the workspace");
        }

        const string Fix = "Check the store URI (gs://BUCKET/PREFIX or a folder), the credentials (Application Default Credentials: the job's service account, or 'gcloud auth application-default login') and the right to create and delete objects under the prefix (roles/storage.objectUser).";
        var probeFile = Path.Combine(Path.GetTempPath(), "np-doctor-" + Guid.NewGuid().ToString("N"));
        var key = "doctor/probe-" + Guid.NewGuid().ToString("N")[..12] + ".txt";
        IRemoteStore store;
        try
        {
            store = RemoteStores.Create(uri.Trim(), new RemoteStoreOptions { Environment = environment, Retry = new StoreRetryOptions { Budget = TimeSpan.Zero, AttemptTimeout = timeout } });
        }
        catch (Exception ex) when (ex is StorageException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            var code = ex is StorageException se ? se.Code + ": " : "";
            return CheckResult.Failed("store", $"{uri.Trim()}: {code}{ex.Message.TrimEnd('.')}", Fix);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var uploaded = false;
        try
        {
            var content = "numerai-pipeline doctor " + DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
            await File.WriteAllTextAsync(probeFile, content, limit.Token);
            await store.UploadAsync(probeFile, key, limit.Token);
            uploaded = true;
            await store.DownloadAsync(key, probeFile + ".back", limit.Token);
            if (await File.ReadAllTextAsync(probeFile + ".back", limit.Token) != content)
            {
                return CheckResult.Failed("store", $"{store.Location}: the object read back differs from the one written", Fix);
            }

            await store.DeleteAsync(key, limit.Token);
            uploaded = false;
            return CheckResult.Ok("store", $"{store.Location} reachable and writable (an object written, read back and deleted)");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CheckResult.Failed("store", $"{store.Location} did not answer within {timeout.TotalSeconds:0} s", Fix);
        }
        catch (Exception ex) when (ex is StorageException or IOException or UnauthorizedAccessException or HttpRequestException or Google.GoogleApiException or InvalidOperationException)
        {
            // The retrying wrapper's "gave up" names the attempt's own failure inside: that one says what is wrong.
            var cause = ex is StorageException { InnerException: StorageException inner } outer && outer.Error == StorageErrors.Unavailable ? inner : ex;
            if (cause is StorageException { InnerException: OperationCanceledException } transfer && transfer.Error == StorageErrors.TransferFailed)
            {
                return CheckResult.Failed("store", $"{store.Location} did not answer within {timeout.TotalSeconds:0} s", Fix);
            }

            var code = cause is StorageException se ? se.Code + ": " : "";
            return CheckResult.Failed("store", $"{uri.Trim()}: {code}{cause.Message.TrimEnd('.')}", Fix);
        }
        finally
        {
            if (uploaded)
            {
                try
                {
                    await store.DeleteAsync(key, CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Best effort: a probe object left behind is harmless.
                }
            }

            TryDelete(probeFile);
            TryDelete(probeFile + ".back");
        }
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
    };

    private static string ShortName(string assembly) => assembly.StartsWith("NumeraiPipeline.Plugins.", StringComparison.Ordinal) ? assembly["NumeraiPipeline.Plugins.".Length..] : assembly;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover probe file in the temp folder is harmless.
        }
    }
}
