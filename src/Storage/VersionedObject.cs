namespace NumeraiPipeline.Storage;

/// <summary>A small object read together with its generation (the version a conditional write names).</summary>
/// <param name="Key">The key.</param>
/// <param name="Content">The object's bytes.</param>
/// <param name="Generation">Its generation: positive, and larger after every write of the key.</param>
public sealed record VersionedObject(string Key, byte[] Content, long Generation);
