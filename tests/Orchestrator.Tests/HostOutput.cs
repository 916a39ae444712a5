namespace NumeraiPipeline.Orchestrator.Tests;

/// <summary>The host's own build output (src/Orchestrator/bin/CONFIGURATION/net10.0), as a user runs it.</summary>
internal static class HostOutput
{
    public static string Directory { get; } = Path.Combine(
        TestRepo.Root, "src", "Orchestrator", "bin", new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name, "net10.0");

    public static string File(string name) => Path.Combine(Directory, name);
}
