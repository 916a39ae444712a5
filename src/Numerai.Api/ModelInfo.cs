namespace NumeraiPipeline.Numerai.Api;

/// <summary>One model of the account.</summary>
/// <param name="Id">The model id (a UUID string).</param>
/// <param name="Name">The model name.</param>
/// <param name="Tournament">The tournament id (8 = classic).</param>
public sealed record ModelInfo(string Id, string Name, int Tournament);
