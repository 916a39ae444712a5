using System.Text.RegularExpressions;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Plugins;

namespace NumeraiPipeline.Orchestrator.Cli;

/// <summary>
/// Writes a new plugin project: a csproj that references the SDK the way built-in plugins do (shared, not copied), one
/// stage with options and an output, and a README. Its build output lands in the host's plugin folder.
/// </summary>
internal static partial class PluginScaffold
{
    public static (string ProjectDirectory, string StageId) Create(string name, string? outputDirectory, string pluginsDirectory)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new PipelineException(DiagnosticCodes.BadArgument.Create("numerai-pipeline", $"'{name}' is not a valid plugin name: use letters and digits, starting with a letter (e.g. MyModel)."));
        }

        var root = RepositoryRoot.Find(Environment.CurrentDirectory);
        var parent = Path.GetFullPath(outputDirectory ?? (root is not null ? Path.Combine(root, "plugins") : Environment.CurrentDirectory));
        var dir = Path.Combine(parent, name);
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            throw new PipelineException(DiagnosticCodes.BadArgument.Create("numerai-pipeline", $"'{Definition.SourceLocation.DisplayPath(dir)}' already exists and is not empty; choose another name or --output."));
        }

        Directory.CreateDirectory(dir);
        var stageId = KebabLower(name) + ".hello";
        var outDir = Path.GetRelativePath(dir, Path.Combine(Path.GetFullPath(pluginsDirectory), name)).Replace('\\', '/') + "/";
        string sdkReference;
        var sdkProject = root is null ? null : Path.Combine(root, "src", "Pipeline.Sdk", "Pipeline.Sdk.csproj");
        if (sdkProject is not null && File.Exists(sdkProject))
        {
            sdkReference = $"    <ProjectReference Include=\"{Path.GetRelativePath(dir, sdkProject).Replace('\\', '/')}\" Private=\"false\" ExcludeAssets=\"runtime\" />";
        }
        else
        {
            var sdkDll = Path.Combine(AppContext.BaseDirectory, "NumeraiPipeline.Sdk.dll");
            sdkReference = $"    <Reference Include=\"NumeraiPipeline.Sdk\" HintPath=\"{Path.GetRelativePath(dir, sdkDll).Replace('\\', '/')}\" Private=\"false\" />\n    <PackageReference Include=\"Microsoft.Extensions.Logging.Abstractions\" Version=\"10.0.15\" Private=\"false\" ExcludeAssets=\"runtime\" />";
        }

        File.WriteAllText(Path.Combine(dir, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- A NumeraiPipeline plugin. Build it with 'dotnet build'; the host finds it in its plugin folder. -->
              <PropertyGroup>
                <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
                <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <AssemblyName>{name}</AssemblyName>
                <RootNamespace>{name}</RootNamespace>
                <EnableDynamicLoading>true</EnableDynamicLoading>
                <AppendTargetFrameworkToOutputPath>false</AppendTargetFrameworkToOutputPath>
                <OutDir>{outDir}</OutDir>
              </PropertyGroup>
              <ItemGroup>
                <!-- The host provides these at run time: reference them, never copy them. -->
            {sdkReference}
              </ItemGroup>
            </Project>

            """);
        File.WriteAllText(Path.Combine(dir, "HelloOptions.cs"), $$"""
            using System.ComponentModel;
            using System.ComponentModel.DataAnnotations;

            namespace {{name}};

            /// <summary>Options of {{stageId}}: the keys of the stage's 'with:' map, in snake_case.</summary>
            public sealed class HelloOptions
            {
                /// <summary>Who to greet.</summary>
                [Required]
                [Description("Who to greet")]
                public string Name { get; set; } = "";

                /// <summary>How many times.</summary>
                [Range(1, 100)]
                [Description("How many lines to write")]
                public int Times { get; set; } = 1;
            }

            """);
        File.WriteAllText(Path.Combine(dir, "HelloStage.cs"), $$"""
            using Microsoft.Extensions.Logging;
            using NumeraiPipeline.Sdk;

            namespace {{name}};

            /// <summary>An example stage: writes a greeting file and reports a value.</summary>
            [Stage("{{stageId}}", Description = "Writes a greeting (a template to start from)")]
            [StageOutput("greeting", Description = "The greeting file")]
            [StageOutput("lines", Description = "How many lines were written", Kind = OutputKind.Value)]
            public sealed class HelloStage : IStage<HelloOptions>
            {
                public async Task<StageResult> RunAsync(StageContext context, HelloOptions options, CancellationToken cancellationToken)
                {
                    context.Logger.LogInformation("Greeting {Name} {Times} times", options.Name, options.Times);
                    await context.Outputs.WriteFileAsync("greeting", "greeting.txt", async (path, ct) =>
                    {
                        var lines = Enumerable.Repeat($"Hello, {options.Name}!", options.Times);
                        await File.WriteAllLinesAsync(path, lines, ct);
                    }, cancellationToken);
                    context.Outputs.SetValue("lines", options.Times.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    context.AddSummary("lines", options.Times.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return StageResult.Succeeded();
                }
            }

            """);
        File.WriteAllText(Path.Combine(dir, "README.md"), $$"""
            # {{name}}

            A NumeraiPipeline plugin with one stage, `{{stageId}}`.

            1. `dotnet build {{Definition.SourceLocation.DisplayPath(dir)}}` (the build output lands in `{{Definition.SourceLocation.DisplayPath(Path.Combine(pluginsDirectory, name))}}`).
            2. Use it in a pipeline:

               ```yaml
               stages:
                 hello:
                   uses: {{stageId}}
                   with: { name: Numerai, times: 2 }
               ```
            3. `numerai-pipeline plugins` lists it with its options; `numerai-pipeline run my-pipeline.yaml` runs it.

            """);
        return (dir, stageId);
    }

    private static string KebabLower(string name) => KebabPattern().Replace(name, "$1-$2").ToLowerInvariant();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex KebabPattern();
}
