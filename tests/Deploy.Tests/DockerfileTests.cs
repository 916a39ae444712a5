using System.Xml.Linq;

namespace NumeraiPipeline.Deploy.Tests;

/// <summary>The container image's Dockerfile agrees with the build: self-contained entry point, user, plugin layout, no secrets.</summary>
public sealed class DockerfileTests
{
    private readonly Dockerfile docker = Dockerfile.Parse(RepositoryFiles.Read("deploy/gcp/Dockerfile"));

    [Fact]
    public void Builds_with_the_sdk_and_runs_self_contained_on_a_base_without_dotnet()
    {
        docker.Stages.Count.ShouldBe(2);
        docker.Stages[0].BaseImage.ShouldBe("mcr.microsoft.com/dotnet/sdk:10.0");
        docker.Stages[0].Name.ShouldBe("build");
        // The executable carries its runtime, and the publish folder the ASP.NET shared framework that the built-in
        // sandbox plugin declares (the host does not reference it), so the image needs only the native dependencies.
        RepositoryFiles.Read("plugins/Numerai.Sandbox/Numerai.Sandbox.csproj").ShouldContain("<FrameworkReference Include=\"Microsoft.AspNetCore.App\" />");
        RepositoryFiles.Read("src/Orchestrator/Orchestrator.csproj").ShouldNotContain("Microsoft.AspNetCore.App");
        RepositoryFiles.Read("src/Orchestrator/Orchestrator.csproj").ShouldContain("<SelfContained Condition=\"'$(RuntimeIdentifier)' != ''\">true</SelfContained>");
        RepositoryFiles.Read("src/Orchestrator/BuiltIns.targets").ShouldContain("shared/Microsoft.AspNetCore.App");
        docker.Final.BaseImage.ShouldBe("mcr.microsoft.com/dotnet/runtime-deps:10.0");
        // LightGBM's native library links the GNU OpenMP runtime.
        docker.Final.All("RUN").ShouldContain(r => r.Contains("apt-get install -y --no-install-recommends libgomp1", StringComparison.Ordinal));
    }

    [Fact]
    public void The_entry_point_is_the_self_contained_executable()
    {
        var assemblyName = XDocument.Load(RepositoryFiles.PathOf("src/Orchestrator/Orchestrator.csproj")).Descendants("AssemblyName").Single().Value;
        assemblyName.ShouldBe("numerai-pipeline");

        Dockerfile.ExecForm(docker.Final.All("ENTRYPOINT").Single()).ShouldBe([assemblyName]);
        // Published for linux-x64 to /app, and on PATH through the link.
        docker.Stages[0].All("RUN").ShouldContain(r => r.Contains("dotnet publish src/Orchestrator/Orchestrator.csproj -c Release -r linux-x64", StringComparison.Ordinal) && r.Contains("-o /out/app", StringComparison.Ordinal));
        docker.Final.All("COPY").ShouldBe(["--from=build /out/app/ /app/"]);
        docker.Final.All("RUN").ShouldContain(r => r.Contains($"ln -s /app/{assemblyName} /usr/local/bin/{assemblyName}", StringComparison.Ordinal));
        var cmd = Dockerfile.ExecForm(docker.Final.All("CMD").Single());
        cmd[0].ShouldBe("run");
        cmd[1].ShouldStartWith("/app/pipelines/");
    }

    [Fact]
    public void The_publish_puts_the_plugins_and_pipelines_beside_the_executable()
    {
        // plugins/Directory.Build.props: every plugin builds into PluginsOutputRoot/<AssemblyName>/ (artifacts/plugins/
        // in a development build); the publish builds them into a folder of its own and copies them to plugins/.
        var props = XDocument.Load(RepositoryFiles.PathOf("plugins/Directory.Build.props"));
        props.Descendants("OutDir").Single().Value.ShouldBe("$(PluginsOutputRoot)$(AssemblyName)/");
        props.Descendants("PluginsOutputRoot").Single().Value.ShouldBe("$(RepoRoot)artifacts/plugins/");
        var targets = RepositoryFiles.Read("src/Orchestrator/BuiltIns.targets");
        targets.ShouldContain("Projects=\"@(_BuiltInPluginProject)\"");
        targets.ShouldContain("<_BuiltInPluginProject Include=\"$(RepoRoot)plugins/*/*.csproj\" />");
        targets.ShouldContain("RelativePath=\"plugins/$([MSBuild]::MakeRelative('$(BuiltInPluginsOutput)', '%(_BuiltInPluginFile.FullPath)'))\"");
        targets.ShouldContain("<_BuiltInPipeline Include=\"$(RepoRoot)pipelines/*.yaml\" />");
        targets.ShouldContain("RelativePath=\"pipelines/%(_BuiltInPipeline.Filename)%(_BuiltInPipeline.Extension)\"");
        RepositoryFiles.Read("src/Orchestrator/Orchestrator.csproj").ShouldContain("<Import Project=\"BuiltIns.targets\" />");
        docker.Stages[0].All("WORKDIR").ShouldBe(["/src"]);
    }

    [Fact]
    public void Every_source_the_build_stage_copies_exists()
    {
        var sources = docker.Stages[0].All("COPY")
            .Select(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .SelectMany(parts => parts[..^1])
            .Where(s => !s.StartsWith("--", StringComparison.Ordinal))
            .ToList();
        sources.ShouldBe(["Directory.Build.props", "Directory.Packages.props", "src/", "plugins/", "pipelines/"]);

        foreach (var source in sources)
        {
            (File.Exists(RepositoryFiles.PathOf(source)) || Directory.Exists(RepositoryFiles.PathOf(source))).ShouldBeTrue(source);
        }

        // The default command's pipeline and Terraform's default are files of pipelines/, which lands in /app/pipelines/.
        var cmd = Dockerfile.ExecForm(docker.Final.All("CMD").Single());
        File.Exists(RepositoryFiles.PathOf(cmd[1].Replace("/app/", "", StringComparison.Ordinal))).ShouldBeTrue(cmd[1]);
        RepositoryFiles.Read("deploy/gcp/terraform/variables.tf").ShouldContain($"default     = \"{cmd[1]}\"");
    }

    [Fact]
    public void Runs_as_a_non_root_user_and_bakes_in_no_secret()
    {
        var users = docker.Final.All("USER").ToList();
        users.ShouldBe(["$APP_UID"]);
        var userIndex = docker.Final.Instructions.FindIndex(i => i.Keyword == "USER");
        var entryIndex = docker.Final.Instructions.FindIndex(i => i.Keyword == "ENTRYPOINT");
        userIndex.ShouldBeLessThan(entryIndex);

        var env = string.Join(' ', docker.Stages.SelectMany(s => s.All("ENV").Concat(s.All("ARG"))));
        foreach (var name in new[] { "NUMERAI_PUBLIC_ID", "NUMERAI_SECRET_KEY", "SLACK_WEBHOOK_URL", "TRIGGER_SECRET", "PASSWORD", "TOKEN" })
        {
            env.ShouldNotContain(name);
        }

        var ignored = RepositoryFiles.Read("deploy/gcp/Dockerfile.dockerignore");
        foreach (var pattern in new[] { "**/bin/", "**/obj/", "artifacts/", ".numerai-pipeline/", "**/.env", "**/*.tfstate*" })
        {
            ignored.ShouldContain(pattern);
        }
    }

    [Fact]
    public void The_trigger_image_runs_the_trigger_assembly_as_non_root()
    {
        var trigger = Dockerfile.Parse(RepositoryFiles.Read("deploy/gcp/Dockerfile.trigger"));
        var assembly = XDocument.Load(RepositoryFiles.PathOf("src/CloudTrigger/CloudTrigger.csproj")).Descendants("AssemblyName").Single().Value;

        trigger.Final.BaseImage.ShouldBe("mcr.microsoft.com/dotnet/aspnet:10.0");
        Dockerfile.ExecForm(trigger.Final.All("ENTRYPOINT").Single()).ShouldBe(["dotnet", $"/app/{assembly}.dll"]);
        trigger.Final.All("USER").ShouldBe(["$APP_UID"]);
    }
}
