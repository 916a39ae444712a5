using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Plugins;

/// <summary>
/// Loads every plugin folder (<c>DIR/Name/Name.dll</c>) with its own McMaster PluginLoader. Only the SDK and the logging
/// and diagnostics abstractions are shared with the host, so each plugin may carry its own versions of other libraries.
/// </summary>
internal static class PluginHost
{
    private static readonly Type[] SharedTypes = [typeof(IStage), typeof(StageContext), typeof(ILogger), typeof(ActivitySource)];

    public static PluginSet Load(IReadOnlyList<string> directories, bool unloadable)
    {
        var diagnostics = new List<Diagnostic>();
        var stages = new Dictionary<string, StageDescriptor>(StringComparer.Ordinal);
        var commands = new Dictionary<string, CommandDescriptor>(StringComparer.Ordinal);
        var loaders = new List<PluginLoader>();
        var plugins = new List<PluginInfo>();
        var hostSdk = typeof(IStage).Assembly.GetName().Version!;

        foreach (var folder in FindPluginFolders(directories))
        {
            var name = Path.GetFileName(folder);
            var dll = Path.Combine(folder, name + ".dll");
            PluginLoader? loader = null;
            try
            {
                loader = PluginLoader.CreateFromAssemblyFile(dll, isUnloadable: unloadable, sharedTypes: SharedTypes, configure: c =>
                {
                    c.PreferSharedTypes = false;
                    c.LoadInMemory = unloadable;
                });
                var assembly = loader.LoadDefaultAssembly();
                var sdkRef = assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == typeof(IStage).Assembly.GetName().Name);
                if (sdkRef?.Version is { } v && v.Major != hostSdk.Major)
                {
                    diagnostics.Add(DiagnosticCodes.SdkMismatch.Create(name, name, v.ToString(), hostSdk.ToString()));
                    loader.Dispose();
                    continue;
                }

                var info = new PluginInfo(
                    assembly.GetName().Name ?? name,
                    assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "0",
                    HashFile(dll),
                    dll);
                var found = Discover(assembly, info, diagnostics);
                foreach (var d in found)
                {
                    if (stages.TryGetValue(d.Id, out var existing))
                    {
                        diagnostics.Add(DiagnosticCodes.DuplicateStageType.Create(d.Plugin.Name, d.Id, existing.Plugin.Name, d.Plugin.Name));
                        continue;
                    }

                    stages[d.Id] = d;
                }

                foreach (var c in DiscoverCommands(assembly, info, diagnostics))
                {
                    if (commands.TryGetValue(c.Name, out var existing))
                    {
                        diagnostics.Add(DiagnosticCodes.DuplicateCommand.Create(c.Plugin.Name, c.Name, existing.Plugin.Name, c.Plugin.Name));
                        continue;
                    }

                    commands[c.Name] = c;
                }

                if (unloadable)
                {
                    // Long-running modes: the files may be rebuilt before a run uses them; take their identity now.
                    info.FileHashes(HashFile);
                }

                plugins.Add(info);
                loaders.Add(loader);
            }
            catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException or ReflectionTypeLoadException or TypeLoadException or InvalidOperationException)
            {
                var reason = ex is ReflectionTypeLoadException rtle
                    ? string.Join("; ", rtle.LoaderExceptions.Where(e => e is not null).Select(e => e!.Message).Distinct().Take(3))
                    : ex.Message;
                diagnostics.Add(DiagnosticCodes.PluginLoadFailed.Create(name, name, reason.TrimEnd('.'), SourceLocationDisplay(folder)));
                loader?.Dispose();
            }
        }

        return new PluginSet(stages, diagnostics, loaders, plugins, directories) { Commands = commands };
    }

    /// <summary>Every plugin folder (DIR/Name/Name.dll) in search order; of two with the same name, the first wins.</summary>
    public static IEnumerable<string> FindPluginFolders(IReadOnlyList<string> directories) =>
        directories
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateDirectories(d).Order(StringComparer.Ordinal))
            .Where(f => File.Exists(Path.Combine(f, Path.GetFileName(f) + ".dll")))
            .DistinctBy(f => Path.GetFileName(f), StringComparer.Ordinal);

    private static IEnumerable<StageDescriptor> Discover(Assembly assembly, PluginInfo info, List<Diagnostic> diagnostics)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            throw new InvalidOperationException(string.Join("; ", ex.LoaderExceptions.Where(e => e is not null).Select(e => e!.Message).Distinct().Take(3)), ex);
        }

        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            var contract = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStage<>));
            if (contract is null)
            {
                continue;
            }

            var attribute = type.GetCustomAttribute<StageAttribute>();
            if (attribute is null)
            {
                diagnostics.Add(DiagnosticCodes.StageWithoutAttribute.Create(info.Name, type.FullName, info.Name) with { Severity = DiagnosticSeverity.Warning });
                continue;
            }

            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                diagnostics.Add(DiagnosticCodes.BadStageClass.Create(info.Name, attribute.Id, info.Name, $"'{type.FullName}' needs a public parameterless constructor"));
                continue;
            }

            var optionsType = contract.GetGenericArguments()[0];
            var hasExternal = type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IExternalVersionSource<>));
            yield return new StageDescriptor(attribute.Id, attribute.Description, type, optionsType, type.GetCustomAttributes<StageOutputAttribute>().ToList(), info, hasExternal);
        }
    }

    private static IEnumerable<CommandDescriptor> DiscoverCommands(Assembly assembly, PluginInfo info, List<Diagnostic> diagnostics)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            var contract = type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));
            var attribute = type.GetCustomAttribute<CommandAttribute>();
            if (contract is null || attribute is null)
            {
                continue;
            }

            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                diagnostics.Add(DiagnosticCodes.BadStageClass.Create(info.Name, attribute.Name, info.Name, $"'{type.FullName}' needs a public parameterless constructor"));
                continue;
            }

            yield return new CommandDescriptor(string.Join(' ', attribute.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries)), attribute.Description, type, contract.GetGenericArguments()[0], info);
        }
    }

    private static string SourceLocationDisplay(string folder) => Definition.SourceLocation.DisplayPath(folder);

    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
