using System.Text.Json;

namespace NumeraiPipeline.Storage;

/// <summary>The content of a lease object (<c>leases/NAME.json</c>): who holds it and until when.</summary>
/// <param name="Name">The lease's name.</param>
/// <param name="Holder">Who holds it, for people: run id, host and process.</param>
/// <param name="Token">A random id of this acquisition, so a holder recognises its own write.</param>
/// <param name="AcquiredAt">When it was taken.</param>
/// <param name="ExpiresAt">When it lapses unless renewed; after that anyone may take it over.</param>
/// <param name="Released">Whether the holder gave it back (free for the next one at once).</param>
public sealed record LeaseRecord(string Name, string Holder, string Token, DateTimeOffset AcquiredAt, DateTimeOffset ExpiresAt, bool Released)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Whether someone holds it at <paramref name="now"/>.</summary>
    /// <param name="now">The time.</param>
    /// <returns>True while held and not expired.</returns>
    public bool IsHeldAt(DateTimeOffset now) => !Released && ExpiresAt > now;

    /// <summary>The JSON bytes stored.</summary>
    /// <returns>UTF-8 JSON.</returns>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Parses stored bytes; null when they are not a lease (treated as free: a torn or foreign object).</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The record, or null.</returns>
    public static LeaseRecord? Parse(byte[] bytes)
    {
        try
        {
            var record = JsonSerializer.Deserialize<LeaseRecord>(bytes, Json);
            return record is { Token.Length: > 0 } ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
