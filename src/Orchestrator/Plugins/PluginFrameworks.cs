using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Text.Json;

namespace NumeraiPipeline.Orchestrator.Plugins;

/// <summary>
/// Shared frameworks a plugin declares in its <c>NAME.runtimeconfig.json</c> beyond the host's own (a plugin with
/// <c>&lt;FrameworkReference Include="Microsoft.AspNetCore.App" /&gt;</c> declares <c>Microsoft.AspNetCore.App</c>).
/// The runtime resolves frameworks only for the application it starts and McMaster's loader reads a plugin's
/// runtimeconfig only for probing paths, so the host finds the installed framework folder
/// (<c>DOTNET_ROOT/shared/NAME/VERSION</c>, same major version, at least the one asked for) and lets the plugin's own
/// load context load that framework's assemblies from it. The host itself then never references the framework: only
/// the plugins that declare it load it, each into its own context.
/// </summary>
internal static class PluginFrameworks
{
    /// <summary>The framework every .NET process runs on: never looked up.</summary>
    private const string BaseFramework = "Microsoft.NETCore.App";

    /// <summary>The frameworks other than Microsoft.NETCore.App that the plugin's runtimeconfig.json declares.</summary>
    public static IReadOnlyList<(string Name, string Version)> Declared(string runtimeConfigPath)
    {
        if (!File.Exists(runtimeConfigPath))
        {
            return [];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(runtimeConfigPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            // As McMaster's loader does with an unreadable runtimeconfig: no frameworks beyond the host's.
            return [];
        }

        using var owned = document;
        if (!document.RootElement.TryGetProperty("runtimeOptions", out var options) || options.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var found = new List<(string, string)>();
        void Add(JsonElement framework)
        {
            if (framework.ValueKind == JsonValueKind.Object
                && framework.TryGetProperty("name", out var name) && name.GetString() is { Length: > 0 } n
                && !string.Equals(n, BaseFramework, StringComparison.OrdinalIgnoreCase))
            {
                found.Add((n, framework.TryGetProperty("version", out var v) ? v.GetString() ?? "" : ""));
            }
        }

        if (options.TryGetProperty("framework", out var single))
        {
            Add(single);
        }

        if (options.TryGetProperty("frameworks", out var many) && many.ValueKind == JsonValueKind.Array)
        {
            foreach (var framework in many.EnumerateArray())
            {
                Add(framework);
            }
        }

        return found;
    }

    /// <summary>
    /// Lets <paramref name="context"/> load the assemblies of every framework the plugin declares. Returns the
    /// frameworks found nowhere (the host's process does not run on them and no .NET installation has them).
    /// </summary>
    public static IReadOnlyList<(string Name, string Version)> Attach(AssemblyLoadContext context, string runtimeConfigPath, IReadOnlyList<string> dotnetRoots)
    {
        var missing = new List<(string, string)>();
        var folders = new List<string>();
        foreach (var (name, version) in Declared(runtimeConfigPath))
        {
            if (HostRunsOn(name))
            {
                continue;
            }

            if (Locate(name, version, dotnetRoots) is { } folder)
            {
                folders.Add(folder);
            }
            else
            {
                missing.Add((name, version));
            }
        }

        if (folders.Count > 0)
        {
            // Resolving runs after the plugin's own files and the host's assemblies were tried: a library the host
            // shares (the SDK, the logging abstractions) keeps coming from the host.
            context.Resolving += (alc, assemblyName) =>
            {
                foreach (var folder in folders)
                {
                    var path = Path.Combine(folder, assemblyName.Name + ".dll");
                    if (File.Exists(path))
                    {
                        return alc.LoadFromAssemblyPath(path);
                    }
                }

                return null;
            };
        }

        return missing;
    }

    /// <summary>The folder of the installed framework: same major version, at least <paramref name="version"/>; the patch the host runs on if installed, else the newest.</summary>
    public static string? Locate(string name, string version, IReadOnlyList<string> dotnetRoots)
    {
        var wanted = ParseVersion(version) ?? new Version(0, 0);
        var candidates = dotnetRoots
            .Select(root => Path.Combine(root, "shared", name))
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateDirectories)
            .Select(dir => (Dir: dir, Version: ParseVersion(Path.GetFileName(dir))))
            .Where(c => c.Version is { } v && v.Major == wanted.Major && v >= wanted && File.Exists(Path.Combine(c.Dir, name + ".deps.json")))
            .ToList();
        var running = Environment.Version;
        return candidates.FirstOrDefault(c => c.Version!.Major == running.Major && c.Version.Minor == running.Minor && c.Version.Build == running.Build).Dir
            ?? candidates.OrderByDescending(c => c.Version).Select(c => c.Dir).FirstOrDefault();
    }

    /// <summary>Where .NET installations are looked for: the executable's folder (a self-contained publish), the installation running this process, DOTNET_ROOT, then the usual install folders.</summary>
    public static IReadOnlyList<string> DotnetRoots(Func<string, string?> environment)
    {
        var roots = new List<string>();
        void Add(string? dir)
        {
            if (!string.IsNullOrWhiteSpace(dir) && !roots.Contains(Path.GetFullPath(dir), StringComparer.Ordinal))
            {
                roots.Add(Path.GetFullPath(dir));
            }
        }

        // A self-contained publish carries the plugins' frameworks beside the executable (BuiltIns.targets).
        Add(AppContext.BaseDirectory);

        // A framework-dependent process runs from ROOT/shared/Microsoft.NETCore.App/VERSION/.
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
        if (runtime.Parent?.Name == BaseFramework && runtime.Parent.Parent is { Name: "shared" } shared)
        {
            Add(shared.Parent?.FullName);
        }

        Add(environment("DOTNET_ROOT"));
        if (OperatingSystem.IsWindows())
        {
            Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), "dotnet"));
        }
        else
        {
            Add("/usr/share/dotnet");
            Add("/usr/lib/dotnet");
            Add("/usr/local/share/dotnet");
        }

        Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet"));
        return roots;
    }

    /// <summary>Whether the host's own process already runs on the framework (its assemblies are trusted platform assemblies).</summary>
    private static bool HostRunsOn(string name)
    {
        var tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        var segment = $"{Path.DirectorySeparatorChar}shared{Path.DirectorySeparatorChar}{name}{Path.DirectorySeparatorChar}";
        return tpa.Contains(segment, StringComparison.OrdinalIgnoreCase);
    }

    private static Version? ParseVersion(string text)
    {
        var core = text.Split('-', '+')[0];
        return Version.TryParse(core, out var v) ? new Version(v.Major, v.Minor, Math.Max(v.Build, 0)) : null;
    }

    /// <summary>The plugin's runtimeconfig.json beside its main assembly.</summary>
    public static string RuntimeConfigOf(string mainAssembly) =>
        Path.Combine(Path.GetDirectoryName(mainAssembly)!, Path.GetFileNameWithoutExtension(mainAssembly) + ".runtimeconfig.json");
}
