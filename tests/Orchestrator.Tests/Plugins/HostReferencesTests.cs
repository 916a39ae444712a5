using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using NumeraiPipeline.Orchestrator.Cli;

namespace NumeraiPipeline.Orchestrator.Tests.Plugins;

/// <summary>
/// The host knows no Numerai and no ASP.NET Core: those come with plugins (the sandbox plugin declares ASP.NET Core
/// itself). Checked on the compiled host, its deps.json and runtimeconfig.json, and every assembly beside it.
/// </summary>
public sealed class HostReferencesTests
{
    private static bool Foreign(string name) =>
        name.StartsWith("NumeraiPipeline.Numerai", StringComparison.Ordinal)
        || name.StartsWith("NumeraiPipeline.Plugins", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal);

    [Fact]
    public void The_host_assembly_references_no_Numerai_or_ASP_NET_Core_assembly()
    {
        var references = typeof(CliApp).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.ShouldContain("NumeraiPipeline.Sdk");
        references.Where(Foreign).ShouldBeEmpty();
    }

    [Fact]
    public void The_hosts_deps_json_and_runtimeconfig_carry_no_Numerai_library_and_no_ASP_NET_Core_framework()
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(HostOutput.File("numerai-pipeline.deps.json")));
        using var config = JsonDocument.Parse(File.ReadAllText(HostOutput.File("numerai-pipeline.runtimeconfig.json")));

        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();
        libraries.ShouldContain("NumeraiPipeline.Sdk");
        libraries.Where(Foreign).ShouldBeEmpty();
        var options = config.RootElement.GetProperty("runtimeOptions");
        var frameworks = options.TryGetProperty("frameworks", out var many) ? many.EnumerateArray().ToList() : [options.GetProperty("framework")];
        frameworks.Select(f => f.GetProperty("name").GetString()).ShouldBe(["Microsoft.NETCore.App"]);
    }

    [Fact]
    public void No_assembly_beside_the_host_references_a_Numerai_or_ASP_NET_Core_assembly()
    {
        var offenders = new List<string>();
        var assemblies = Directory.EnumerateFiles(HostOutput.Directory, "*.dll").ToList();
        foreach (var path in assemblies)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                continue;
            }

            var reader = pe.GetMetadataReader();
            offenders.AddRange(reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).Where(Foreign).Select(name => Path.GetFileName(path) + " -> " + name));
            if (Foreign(Path.GetFileNameWithoutExtension(path)))
            {
                offenders.Add(Path.GetFileName(path));
            }
        }

        assemblies.Count.ShouldBeGreaterThan(10);
        offenders.ShouldBeEmpty();
    }
}
