namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>Writes the synthetic dataset files the sandbox serves.</summary>
internal interface ISandboxDataGenerator
{
    /// <summary>The file names of one version folder (live.parquet included: the round's live file is generated per round).</summary>
    IReadOnlyList<string> FileNames { get; }

    /// <summary>Writes every file of a version into <paramref name="folder"/>.</summary>
    Task GenerateAsync(string folder, string version, SandboxOptions options, CancellationToken cancellationToken);

    /// <summary>Writes the live file of <paramref name="round"/> to <paramref name="path"/>.</summary>
    Task GenerateLiveAsync(string path, string version, int round, SandboxOptions options, CancellationToken cancellationToken);
}
