namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>Writes the synthetic dataset files the sandbox serves.</summary>
internal interface ISandboxDataGenerator
{
    /// <summary>The file names of one version folder.</summary>
    IReadOnlyList<string> FileNames { get; }

    /// <summary>Writes every file of a version into <c>root/&lt;version&gt;/</c>.</summary>
    Task GenerateAsync(string root, string version, SandboxOptions options, CancellationToken cancellationToken);

    /// <summary>Writes the live file of <paramref name="round"/> and its example predictions.</summary>
    Task GenerateLiveAsync(string livePath, string examplePredictionsPath, string version, int round, SandboxOptions options, CancellationToken cancellationToken);

    /// <summary>What the live era of <paramref name="round"/> resolves to (the targets live.parquet does not show).</summary>
    Data.SyntheticLiveOutcome LiveOutcome(string version, int round, SandboxOptions options);
}
