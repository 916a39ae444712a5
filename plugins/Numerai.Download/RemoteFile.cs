using System.Net;
using System.Net.Http.Headers;

namespace NumeraiPipeline.Plugins.Numerai.Download;

/// <summary>
/// A read-only, seekable view of a file behind a (presigned) URL, read with HTTP Range requests in blocks: enough to
/// learn a file's size and to read a parquet footer without downloading the file.
/// </summary>
internal sealed class RemoteFile : Stream
{
    private const int BlockSize = 1 << 20;
    private readonly HttpClient http;
    private readonly Uri url;
    private readonly Dictionary<long, byte[]> blocks = [];
    private long position;

    private RemoteFile(HttpClient http, Uri url, long length)
    {
        this.http = http;
        this.url = url;
        Length = length;
    }

    public override long Length { get; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Position
    {
        get => position;
        set => position = value;
    }

    /// <summary>Opens the file: one ranged GET of its first byte tells its size (Content-Range), as S3 answers.</summary>
    public static async Task<RemoteFile> OpenAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(0, 0);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.Length is { } total)
        {
            return new RemoteFile(http, url, total);
        }

        if (response.IsSuccessStatusCode && response.Content.Headers.ContentLength is { } length)
        {
            // A server that ignores Range still tells the size; the body is not read.
            return new RemoteFile(http, url, length);
        }

        throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase} for the file's first byte", null, response.StatusCode);
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (position >= Length || buffer.Length == 0)
        {
            return 0;
        }

        var index = position / BlockSize;
        if (!blocks.TryGetValue(index, out var block))
        {
            var start = index * BlockSize;
            var end = Math.Min(Length, start + BlockSize) - 1;
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Range = new RangeHeaderValue(start, end);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (response.StatusCode != HttpStatusCode.PartialContent)
            {
                throw new HttpRequestException($"HTTP {(int)response.StatusCode} for bytes {start}-{end} (a ranged read was expected)", null, response.StatusCode);
            }

            block = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            blocks[index] = block;
        }

        var within = (int)(position - (index * BlockSize));
        var n = Math.Min(buffer.Length, block.Length - within);
        block.AsMemory(within, n).CopyTo(buffer);
        position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
