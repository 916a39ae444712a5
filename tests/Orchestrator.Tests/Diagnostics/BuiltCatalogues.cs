using System.Reflection;
using System.Runtime.Loader;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Tests.Diagnostics;

/// <summary>One code of a plugin's or library's catalogue, with where it is declared.</summary>
internal sealed record CatalogueEntry(string Area, string Assembly, string Type, string Field, ErrorCode Code);

/// <summary>
/// The [ErrorCatalogue] classes of the built plugins and of the libraries in their folders (artifacts/plugins), of the
/// libraries the host loads itself (the NumeraiPipeline.* assemblies the host references, e.g. the remote store), and
/// of the separate apps (the cloud trigger), read by reflection. Each plugin folder is loaded in a context of its own,
/// as the host loads it, with the host's SDK shared so that <see cref="ErrorCode"/> is the same type; the host's
/// libraries and the apps are this test's own references. A library that several plugins carry is listed once.
/// </summary>
internal static class BuiltCatalogues
{
    /// <summary>The apps that are neither the host nor a plugin (referenced by this test project to be read here).</summary>
    private static readonly string[] Apps = ["NumeraiPipeline.CloudTrigger"];

    private static readonly Lazy<IReadOnlyList<CatalogueEntry>> Cached = new(Load);

    public static string PluginsFolder => Path.Combine(TestRepo.Root, "artifacts", "plugins");

    public static IReadOnlyList<CatalogueEntry> All => Cached.Value;

    private static List<CatalogueEntry> Load()
    {
        if (!Directory.Exists(PluginsFolder))
        {
            throw new InvalidOperationException($"{PluginsFolder} does not exist: build the solution first (dotnet build NumeraiPipeline.sln).");
        }

        // a library several plugins carry is read once, from the folder with its newest build
        var newest = Directory.GetDirectories(PluginsFolder)
            .SelectMany(folder => Directory.GetFiles(folder, "NumeraiPipeline.*.dll"))
            .Where(dll => Path.GetFileNameWithoutExtension(dll) != "NumeraiPipeline.Sdk")
            .GroupBy(dll => Path.GetFileNameWithoutExtension(dll), StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(File.GetLastWriteTimeUtc).ThenBy(d => d, StringComparer.Ordinal).First())
            .Order(StringComparer.Ordinal);
        var contexts = new Dictionary<string, FolderContext>(StringComparer.Ordinal);
        var entries = new List<CatalogueEntry>();
        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dll in newest)
        {
            var folder = Path.GetDirectoryName(dll)!;
            if (!contexts.TryGetValue(folder, out var context))
            {
                contexts[folder] = context = new FolderContext(folder);
            }

            var name = Path.GetFileNameWithoutExtension(dll);
            read.Add(name);
            Add(entries, name, context.LoadFromAssemblyPath(dll));
        }

        // the host's own libraries (not in a plugin folder), then the separate apps
        foreach (var assembly in HostLibraries().Concat(Apps.Select(a => Assembly.Load(new AssemblyName(a)))))
        {
            var name = assembly.GetName().Name!;
            if (read.Add(name))
            {
                Add(entries, name, assembly);
            }
        }

        return [.. entries.OrderBy(e => e.Code.Code, StringComparer.Ordinal)];
    }

    /// <summary>The NumeraiPipeline.* assemblies the host references, directly or through one another (not the SDK).</summary>
    private static IEnumerable<Assembly> HostLibraries()
    {
        var host = typeof(NumeraiPipeline.Orchestrator.Diagnostics.DiagnosticCodes).Assembly;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<Assembly>([host]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is { } name && name.StartsWith("NumeraiPipeline.", StringComparison.Ordinal) && name != "NumeraiPipeline.Sdk" && seen.Add(name))
                {
                    var library = Assembly.Load(reference);
                    pending.Enqueue(library);
                    yield return library;
                }
            }
        }
    }

    private static void Add(List<CatalogueEntry> entries, string assemblyName, Assembly assembly)
    {
        foreach (var type in Types(assembly))
        {
            if (type.GetCustomAttribute<ErrorCatalogueAttribute>() is not { } catalogue)
            {
                continue;
            }

            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Where(f => f.FieldType == typeof(ErrorCode)))
            {
                entries.Add(new CatalogueEntry(catalogue.Area, assemblyName, type.Name, field.Name, (ErrorCode)field.GetValue(null)!));
            }
        }
    }

    private static IEnumerable<Type> Types(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }

    private sealed class FolderContext(string folder) : AssemblyLoadContext(isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // the contract and the logging abstractions are the host's, as for a loaded plugin
            if (assemblyName.Name is "NumeraiPipeline.Sdk" || assemblyName.Name?.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) == true)
            {
                return null;
            }

            var path = Path.Combine(folder, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
