namespace NumeraiPipeline.Storage;

/// <summary>What a store knows of one object.</summary>
/// <param name="Key">The key, relative to the store's root (slash-separated).</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="Md5">The MD5 of the content as lower-case hex, or null when the store has none (composite objects).</param>
/// <param name="Updated">When the object was last written, if known.</param>
public sealed record RemoteObjectInfo(string Key, long Size, string? Md5, DateTimeOffset? Updated);
