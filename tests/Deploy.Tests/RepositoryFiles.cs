namespace NumeraiPipeline.Deploy.Tests;

/// <summary>Finds the repository root (the folder holding NumeraiPipeline.sln) above the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NumeraiPipeline.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("NumeraiPipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
