using System.Runtime.InteropServices;

namespace NumeraiPipeline.Orchestrator.Plugins;

/// <summary>The identity of a loaded plugin: part of every stage fingerprint.</summary>
internal sealed record PluginInfo(string Name, string Version, string ContentHash, string AssemblyPath)
{
    private IReadOnlyDictionary<string, string>? fileHashes;

    /// <summary>
    /// The SHA-256 of every loadable file (<see cref="LoadableFiles"/>), computed once per loaded plugin: a plugin's
    /// identity is what was loaded, even when its folder is rebuilt while a run is in progress (hot swap).
    /// </summary>
    /// <param name="hash">Hashes a file (the workspace's cache, so unchanged files are not read again).</param>
    public IReadOnlyDictionary<string, string> FileHashes(Func<string, string> hash)
    {
        if (fileHashes is null)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var file in LoadableFiles())
            {
                result[file] = hash(Path.Combine(Directory, file));
            }

            Interlocked.CompareExchange(ref fileHashes, result, null);
        }

        return fileHashes;
    }

    /// <summary>The plugin's folder.</summary>
    public string Directory => Path.GetDirectoryName(AssemblyPath)!;

    /// <summary>
    /// Every file the plugin may load on this machine, relative to its folder ('/'-separated, in order): its
    /// assemblies, its deps.json and runtimeconfig, and the native libraries under runtimes/ for this platform.
    /// A change of any of them (a fixed Numerai.Data.dll, a new lib_lightgbm.so) changes every fingerprint of the
    /// plugin's stages. Symbols and documentation files are left out: they change nothing that runs.
    /// </summary>
    public IReadOnlyList<string> LoadableFiles()
    {
        var root = Directory;
        var platforms = Platforms();
        return System.IO.Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => IsLoadable(f) && (!f.StartsWith("runtimes/", StringComparison.Ordinal) || platforms.Contains(f.Split('/')[1])))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsLoadable(string file)
    {
        var name = Path.GetFileName(file);
        return name.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".so", StringComparison.Ordinal)
            || name.Contains(".so.", StringComparison.Ordinal)
            || name.EndsWith(".dylib", StringComparison.Ordinal)
            || name.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".runtimeconfig.json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The runtimes/ folder names that apply here: the exact RID, its OS, and unix on Unix.</summary>
    private static HashSet<string> Platforms()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : OperatingSystem.IsWindows() ? "win" : rid.Split('-')[0];
        var arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        var set = new HashSet<string>(StringComparer.Ordinal) { rid, os, $"{os}-{arch}" };
        if (!OperatingSystem.IsWindows())
        {
            set.Add("unix");
        }

        return set;
    }
}
