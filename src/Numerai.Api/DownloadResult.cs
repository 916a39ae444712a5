namespace NumeraiPipeline.Numerai.Api;

/// <summary>What a download did.</summary>
/// <param name="Bytes">The file's final size.</param>
/// <param name="BytesTransferred">Bytes received over the network by this call (less than Bytes after a resume).</param>
/// <param name="Attempts">HTTP GETs made.</param>
/// <param name="Resumed">Whether a partial file was continued with a Range request that the server honoured (206).</param>
/// <param name="Duration">Wall time.</param>
/// <param name="Skipped">Whether the local file already had the remote size, so nothing was fetched.</param>
public sealed record DownloadResult(long Bytes, long BytesTransferred, int Attempts, bool Resumed, TimeSpan Duration, bool Skipped = false);
