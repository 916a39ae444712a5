using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NumeraiPipeline.Plugins.LightGbm.Training;

/// <summary>
/// The content of a Dataset lock file (<c>KEY.lock</c> beside <c>KEY.bin</c>): which process holds the lock. The file
/// is created exclusively and whole (the storage library's ExclusiveFile, compiled into this plugin: link(2) of a
/// written temporary file, so of several processes exactly one creates it and no reader sees it half written) and
/// its last write time is the holder's heartbeat.
/// </summary>
internal sealed record DatasetLockFile(
    [property: JsonPropertyName("pid")] int ProcessId,
    [property: JsonPropertyName("process_start_utc")] DateTime ProcessStartUtc,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("acquired_utc")] DateTime AcquiredUtc)
{
    /// <summary>How often a holder refreshes the lock file's last write time.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);

    /// <summary>A lock whose heartbeat is older than this is stale, whoever holds it (a hung process, another machine's dead one).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(5);

    /// <summary>Two readings of one process's start time differ by less than this (the boot time is read in whole seconds).</summary>
    private static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(2);

    private static readonly Lazy<DateTime> OwnStart = new(() => StartOf(Environment.ProcessId) ?? DateTime.MinValue);

    /// <summary>A record for this process.</summary>
    public static DatasetLockFile ForThisProcess(DateTime now) =>
        new(Environment.ProcessId, OwnStart.Value, Environment.MachineName, Guid.NewGuid().ToString("N"), now);

    /// <summary>Who holds it, for people.</summary>
    [JsonIgnore]
    public string Holder => $"process {ProcessId} on {Host} (since {AcquiredUtc:HH:mm:ss} UTC)";

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <summary>The record in <paramref name="bytes"/>, or null when they are not one (empty: its creator is still writing it, or died doing so).</summary>
    public static DatasetLockFile? Parse(byte[] bytes)
    {
        try
        {
            return bytes.Length == 0 ? null : JsonSerializer.Deserialize<DatasetLockFile>(bytes) is { Token.Length: > 0 } r ? r : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Why the lock with this content and heartbeat (<paramref name="lastWriteUtc"/>) no longer holds, or null while it
    /// does: its process is gone (same host: no process with that id, or one started at another time), or it has
    /// not been refreshed for <see cref="StaleAfter"/> (any host; also an unreadable record).
    /// </summary>
    public static string? StaleReason(DatasetLockFile? record, DateTime lastWriteUtc, DateTime nowUtc)
    {
        var age = nowUtc - lastWriteUtc;
        if (age > StaleAfter)
        {
            return $"its last heartbeat was {age.TotalMinutes:F0} min ago";
        }

        if (record is not null && string.Equals(record.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase) && !IsRunning(record))
        {
            return $"its process {record.ProcessId} is gone";
        }

        return null;
    }

    private static bool IsRunning(DatasetLockFile record)
    {
        if (record.ProcessId == Environment.ProcessId)
        {
            return (record.ProcessStartUtc - OwnStart.Value).Duration() < StartTolerance;
        }

        try
        {
            using var process = Process.GetProcessById(record.ProcessId);
            DateTime start;
            try
            {
                start = process.StartTime.ToUniversalTime();
            }
            catch (InvalidOperationException)
            {
                return false;
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or NotSupportedException)
            {
                // cannot tell (another user's process): the heartbeat decides
                return true;
            }

            // another start time: the id was reused after the holder died
            return (record.ProcessStartUtc - start).Duration() < StartTolerance;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The start time of a running process, or null when it cannot be read.</summary>
    private static DateTime? StartOf(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }
}
