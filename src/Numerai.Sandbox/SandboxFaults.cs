namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>Fault injection for tests: each counter makes the next N matching requests misbehave. Thread-safe.</summary>
public sealed class SandboxFaults
{
    private int graphQlFailures;
    private int downloadCuts;
    private int downloadFailures;
    private int rangeIgnores;
    private int uploadFailures;
    private int webhooksDropped;
    private int submissionsHidden;

    /// <summary>The HTTP status of injected GraphQL failures (500: JSON "Internal server error"; 502/503: an HTML gateway page).</summary>
    public int GraphQlFailureStatus { get; set; } = 503;

    /// <summary>The HTTP status of injected upload failures.</summary>
    public int UploadFailureStatus { get; set; } = 500;

    /// <summary>The HTTP status of injected download failures.</summary>
    public int DownloadFailureStatus { get; set; } = 503;

    /// <summary>While set, every key is refused as revoked ("Your session is invalid or has expired."), the demo keys too.</summary>
    public bool RejectKeys { get; set; }

    /// <summary>A delay before every GraphQL answer (slow server).</summary>
    public TimeSpan GraphQlDelay { get; set; }

    /// <summary>A delay before every file answer.</summary>
    public TimeSpan DownloadDelay { get; set; }

    /// <summary>The next <paramref name="count"/> GraphQL requests fail with <see cref="GraphQlFailureStatus"/>.</summary>
    /// <param name="count">How many.</param>
    public void FailGraphQl(int count) => Interlocked.Exchange(ref graphQlFailures, count);

    /// <summary>The next <paramref name="count"/> downloads send half their bytes, then drop the connection.</summary>
    /// <param name="count">How many.</param>
    public void CutDownloads(int count) => Interlocked.Exchange(ref downloadCuts, count);

    /// <summary>The next <paramref name="count"/> downloads fail with <see cref="DownloadFailureStatus"/>.</summary>
    /// <param name="count">How many.</param>
    public void FailDownloads(int count) => Interlocked.Exchange(ref downloadFailures, count);

    /// <summary>The next <paramref name="count"/> ranged downloads ignore Range and send the whole file with 200.</summary>
    /// <param name="count">How many.</param>
    public void IgnoreRange(int count) => Interlocked.Exchange(ref rangeIgnores, count);

    /// <summary>The next <paramref name="count"/> uploads fail with <see cref="UploadFailureStatus"/> (nothing stored).</summary>
    /// <param name="count">How many.</param>
    public void FailUploads(int count) => Interlocked.Exchange(ref uploadFailures, count);

    /// <summary>The next <paramref name="count"/> setSubmissionWebhook calls answer "true" but store nothing.</summary>
    /// <param name="count">How many.</param>
    public void DropWebhooks(int count) => Interlocked.Exchange(ref webhooksDropped, count);

    /// <summary>The next <paramref name="count"/> <c>submissions</c> queries answer an empty list (a submission not listed yet).</summary>
    /// <param name="count">How many.</param>
    public void HideSubmissions(int count) => Interlocked.Exchange(ref submissionsHidden, count);

    internal bool TakeSubmissionsHidden() => Take(ref submissionsHidden);

    internal bool TakeGraphQlFailure() => Take(ref graphQlFailures);

    internal bool TakeWebhookDrop() => Take(ref webhooksDropped);

    internal bool TakeDownloadCut() => Take(ref downloadCuts);

    internal bool TakeDownloadFailure() => Take(ref downloadFailures);

    internal bool TakeRangeIgnore() => Take(ref rangeIgnores);

    internal bool TakeUploadFailure() => Take(ref uploadFailures);

    private static bool Take(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
