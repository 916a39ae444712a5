using NumeraiPipeline.Orchestrator.Cli;

namespace NumeraiPipeline.Orchestrator.Tests;

/// <summary>Paths of the repository and of the compiled test plugins, and an in-process CLI runner.</summary>
internal static class TestRepo
{
    public static string Root { get; } = FindRoot();

    public static string TestPlugins => Path.Combine(Root, "artifacts", "test-plugins");

    public static string VersionedV1 => Path.Combine(Root, "artifacts", "test-plugins-versioned", "v1");

    public static string VersionedV2 => Path.Combine(Root, "artifacts", "test-plugins-versioned", "v2");

    public static string Corpus => Path.Combine(AppContext.BaseDirectory, "Corpus");

    public static async Task<CliResult> RunCliAsync(params string[] args) => await RunCliAsync(CancellationToken.None, args);

    public static async Task<CliResult> RunCliAsync(CancellationToken token, params string[] args) => await RunCliAsync(null, token, args);

    /// <summary>Runs the CLI in-process with extra environment variables of its own (the process's stay untouched).</summary>
    public static async Task<CliResult> RunCliAsync(IReadOnlyDictionary<string, string>? environment, CancellationToken token, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Func<string, string?>? lookup = environment is null ? null : name => environment.TryGetValue(name, out var v) ? v : Environment.GetEnvironmentVariable(name);
        var code = await CliApp.InvokeAsync(args, output, error, token, environment: lookup);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NumeraiPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public IEnumerable<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
