using NumeraiPipeline.Orchestrator.Incremental;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Orchestrator.Tests.Incremental;

/// <summary>Each reason a stage runs (a StaleKind) is decided here, from a stamp and the current fingerprint.</summary>
public sealed class UpToDateCheckerTests : IDisposable
{
    private readonly TempWorkspace temp = new("np-check-");
    private readonly FileHashCache hashes = new(null);

    public void Dispose() => temp.Dispose();

    private static FingerprintComponents Components(string options = """{"a":1}""", string input = "in-1", string? external = "round-7", string version = "1.0", string dll = "aaa", string dep = "ddd", string type = "test.echo") =>
        new(type, "Plugin", version, dll, options, new Dictionary<string, string> { ["data"] = input }, external) { PluginFiles = new() { ["Plugin.dll"] = dll, ["Dep.dll"] = dep } };

    private Stamp StampOf(FingerprintComponents components, bool withOutput = true)
    {
        var outputs = new Dictionary<string, StampOutput>();
        if (withOutput)
        {
            var path = Path.Combine(temp.Path, "artifacts", "p", "s", "out.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "output");
            var info = new FileInfo(path);
            outputs["out"] = new StampOutput("file", "artifacts/p/s/out.txt", null, info.Length, info.LastWriteTimeUtc.Ticks, FileHashCache.Compute(path));
        }

        return new Stamp { Stage = "s", Fingerprint = components.Compute(), Components = components, Outputs = outputs, RunId = "r", StartedAt = DateTimeOffset.UnixEpoch, FinishedAt = DateTimeOffset.UnixEpoch };
    }

    private IReadOnlyList<StaleReason> Check(Stamp? stamp, FingerprintComponents now, bool forced = false, bool cacheNever = false, string? problem = null) =>
        UpToDateChecker.Check(stamp, now, temp.Path, hashes, forced, cacheNever, problem);

    [Fact]
    public void Same_fingerprint_and_unchanged_outputs_is_up_to_date()
    {
        Check(StampOf(Components()), Components()).ShouldBeEmpty();
    }

    [Fact]
    public void NeverBuilt_without_a_stamp_and_StampUnreadable_with_a_damaged_one()
    {
        Check(null, Components()).ShouldBe([new StaleReason(StaleKind.NeverBuilt, "never built")]);
        var unreadable = Check(null, Components(), problem: "outputs missing").ShouldHaveSingleItem();
        unreadable.Kind.ShouldBe(StaleKind.StampUnreadable);
        unreadable.ToString().ShouldBe("stamp unreadable: outputs missing");
    }

    [Fact]
    public void Forced_and_CacheDisabled_come_first_even_when_up_to_date()
    {
        var reasons = Check(StampOf(Components()), Components(), forced: true, cacheNever: true);

        reasons.Select(r => r.Kind).ShouldBe([StaleKind.Forced, StaleKind.CacheDisabled]);
        reasons.Select(r => r.ToString()).ShouldBe(["forced", "not cached (cache: never, or when: always/failure)"]);
    }

    [Theory]
    [InlineData("type", "StageTypeChanged", "stage type changed: test.echo -> test.copy")]
    [InlineData("version", "PluginChanged", "plugin changed: Plugin 1.0 (aaa) -> Plugin 2.0 (aaa)")]
    [InlineData("dll", "PluginChanged", "plugin changed: Plugin 1.0 (aaa) -> Plugin 1.0 (bbb)")]
    [InlineData("dep", "PluginChanged", "plugin changed: Plugin 1.0: file 'Dep.dll' changed (ddd -> eee)")]
    [InlineData("options", "OptionsChanged", "options changed: a, b")]
    [InlineData("input", "InputChanged", "input 'data' changed: in-1 -> in-2")]
    [InlineData("external", "ExternalVersionChanged", "external version changed: round-7 -> round-8")]
    public void A_changed_component_is_named_with_its_old_and_new_value(string what, string kind, string text)
    {
        var now = what switch
        {
            "type" => Components(type: "test.copy"),
            "version" => Components(version: "2.0"),
            "dll" => Components(dll: "bbb") with { PluginFiles = new() { ["Plugin.dll"] = "bbb", ["Dep.dll"] = "ddd" } },
            "dep" => Components(dep: "eee"),
            "options" => Components(options: """{"a":2,"b":true}"""),
            "input" => Components(input: "in-2"),
            _ => Components(external: "round-8"),
        };

        var reason = Check(StampOf(Components()), now).ShouldHaveSingleItem();

        reason.Kind.ToString().ShouldBe(kind);
        reason.ToString().ShouldBe(text);
    }

    [Fact]
    public void OutputMissing_and_OutputChanged_look_at_the_files_the_stamp_recorded()
    {
        var stamp = StampOf(Components());
        var path = Path.Combine(temp.Path, "artifacts", "p", "s", "out.txt");

        File.WriteAllText(path, "edited by hand");
        Check(stamp, Components()).ShouldBe([new StaleReason(StaleKind.OutputChanged, "output 'out' was changed outside the pipeline")]);

        File.Delete(path);
        Check(stamp, Components()).ShouldBe([new StaleReason(StaleKind.OutputMissing, "output 'out' is missing")]);
    }

    [Fact]
    public void A_touched_but_identical_output_is_still_up_to_date()
    {
        var stamp = StampOf(Components());
        var path = Path.Combine(temp.Path, "artifacts", "p", "s", "out.txt");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(1));

        Check(stamp, Components()).ShouldBeEmpty();
    }
}
