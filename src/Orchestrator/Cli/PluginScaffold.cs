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
    /// <summary>
    /// Creates the project. Inside this repository (plugins/ of a clone) it references the SDK project and builds into
    /// artifacts/plugins like the built-in plugins. Anywhere else it is self-contained: a copy of the host's SDK
    /// assembly in sdk/ (referenced, never copied to the output) and a build output of its own, bin/plugins/NAME/
    /// (or --plugins DIR/NAME), so it never points into the repository or the installation it was made from.
    /// </summary>
    public static (string ProjectDirectory, string StageId, string PluginsDirectory) Create(string name, string? outputDirectory, string? pluginsDirectory)
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
        var sdkProject = root is null ? null : Path.Combine(root, "src", "Pipeline.Sdk", "Pipeline.Sdk.csproj");
        var inTree = sdkProject is not null && File.Exists(sdkProject) && IsUnder(dir, root!);
        pluginsDirectory = Path.GetFullPath(pluginsDirectory ?? (inTree ? Path.Combine(root!, "artifacts", "plugins") : Path.Combine(dir, "bin", "plugins")));
        var outDir = Path.GetRelativePath(dir, Path.Combine(pluginsDirectory, name)).Replace('\\', '/') + "/";
        string sdkReference;
        if (inTree)
        {
            sdkReference = $"    <ProjectReference Include=\"{Path.GetRelativePath(dir, sdkProject!).Replace('\\', '/')}\" Private=\"false\" ExcludeAssets=\"runtime\" />\n    <PackageReference Include=\"Microsoft.Extensions.Logging.Abstractions\" Version=\"{LoggingVersion()}\" Private=\"false\" ExcludeAssets=\"runtime\" />";
        }
        else
        {
            // The host's own SDK assembly, copied beside the project: compile against it; at run time the host's is used.
            var sdk = Directory.CreateDirectory(Path.Combine(dir, "sdk")).FullName;
            File.Copy(SdkAssemblyPath(), Path.Combine(sdk, "NumeraiPipeline.Sdk.dll"));
            sdkReference = $"    <Reference Include=\"NumeraiPipeline.Sdk\" HintPath=\"sdk/NumeraiPipeline.Sdk.dll\" Private=\"false\" />\n    <PackageReference Include=\"Microsoft.Extensions.Logging.Abstractions\" Version=\"{LoggingVersion()}\" Private=\"false\" ExcludeAssets=\"runtime\" />";
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
               `sdk/NumeraiPipeline.Sdk.dll` (outside the NumeraiPipeline repository) is the contract to compile against; the host
               brings its own copy at run time, so it is never copied into the build output. Keep a public parameterless
               constructor on the stage and options classes: the host creates them.
            2. Use it in a pipeline:

               ```yaml
               stages:
                 hello:
                   uses: {{stageId}}
                   with: { name: Numerai, times: 2 }
               ```
            3. `numerai-pipeline plugins --plugins {{Definition.SourceLocation.DisplayPath(pluginsDirectory)}}` lists it with its options;
               `numerai-pipeline run my-pipeline.yaml --plugins {{Definition.SourceLocation.DisplayPath(pluginsDirectory)}}` runs it (or put the
               folder in NUMERAI_PIPELINE_PLUGINS). Error codes of your own: use a prefix of your own (e.g. `MYM0001`), not `NP`.

            """);
        return (dir, stageId, pluginsDirectory);
    }

    private static bool IsUnder(string path, string root) =>
        !Path.GetRelativePath(root, path).StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(Path.GetRelativePath(root, path));

    /// <summary>The logging abstractions' package version the host runs with (the plugin compiles against the same).</summary>
    private static string LoggingVersion()
    {
        var info = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(Microsoft.Extensions.Logging.ILogger).Assembly)?.InformationalVersion ?? "10.0.0";
        return info.Split('+')[0];
    }

    private static string KebabLower(string name) => KebabPattern().Replace(name, "$1-$2").ToLowerInvariant();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex KebabPattern();

    /// <summary>
    /// The host's SDK assembly file. The single-file publish keeps it a file beside the executable
    /// (ExcludeFromSingleFile in BuiltIns.targets), so the file is there even when Location is empty.
    /// </summary>
#pragma warning disable IL3000 // Location is empty only for bundled assemblies, and the SDK assembly is never bundled.
    private static string SdkAssemblyPath() =>
        typeof(NumeraiPipeline.Sdk.StageContext).Assembly.Location is { Length: > 0 } location
            ? location
            : Path.Combine(AppContext.BaseDirectory, "NumeraiPipeline.Sdk.dll");
#pragma warning restore IL3000
}
