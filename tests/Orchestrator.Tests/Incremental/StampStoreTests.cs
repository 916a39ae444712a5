using NumeraiPipeline.Orchestrator.Incremental;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Orchestrator.Tests.Incremental;

/// <summary>A stamp that cannot be read, in any way, is a stale stamp with its reason, never a failure.</summary>
public sealed class StampStoreTests : IDisposable
{
    private readonly TempWorkspace temp = new("np-stamps-");

    public void Dispose() => temp.Dispose();

    private const string Valid = """
        { "stage": "a", "fingerprint": "f", "components": { "stage_type": "t", "plugin_name": "p", "plugin_version": "1", "plugin_hash": "h", "options": "{}", "inputs": {}, "external_version": null },
          "outputs": { "text": { "kind": "file", "path": "artifacts/x/a/text.txt", "value": null, "size": 1, "ticks": 1, "sha256": "00" } },
          "summary": null, "run_id": "r", "started_at": "2026-01-01T00:00:00Z", "finished_at": "2026-01-01T00:00:00Z" }
        """;

    private static string With(string components, string outputs) =>
        $$"""{ "stage": "a", "fingerprint": "f", "components": {{components}}, "outputs": {{outputs}}, "run_id": "r", "started_at": "2026-01-01T00:00:00Z", "finished_at": "2026-01-01T00:00:00Z" }""";

    private const string Components = """{ "stage_type": "t", "plugin_name": "p", "plugin_version": "1", "plugin_hash": "h", "options": "{}", "inputs": {}, "external_version": null }""";

    public static TheoryData<string, string> Damaged => new()
    {
        { "{ not json", "not a valid stamp (" },
        { "[]", "not a valid stamp (" },
        { "{}", "not a valid stamp (JSON deserialization for type 'NumeraiPipeline" },
        { "null", "empty" },
        { With("null", "{}"), "fingerprint missing" },
        { With("""{ "options": null, "inputs": {} }""", "{}"), "fingerprint missing" },
        { With(Components, "null"), "outputs missing" },
        { With(Components, """{ "text": null }"""), "output 'text' is malformed" },
        { With(Components, """{ "text": { "kind": "blob" } }"""), "output 'text' is malformed" },
        { With(Components, """{ "text": { "kind": "file", "path": null, "sha256": "0" } }"""), "output 'text' has no valid path" },
        { With(Components, """{ "text": { "kind": "file", "path": "../../etc/passwd", "sha256": "0" } }"""), "output 'text' has no valid path" },
        { With(Components, """{ "text": { "kind": "file", "path": "/etc/passwd", "sha256": "0" } }"""), "output 'text' has no valid path" },
        { With(Components, """{ "text": { "kind": "file", "path": "artifacts/x/a/t.txt", "sha256": null } }"""), "output 'text' has no valid path" },
    };

    [Theory]
    [MemberData(nameof(Damaged))]
    public void A_damaged_stamp_reads_as_no_stamp_with_the_problem(string json, string problem)
    {
        var store = new StampStore(temp.Path, "x");
        Directory.CreateDirectory(store.Directory);
        File.WriteAllText(store.PathOf("a"), json);

        store.Read("a", out var found).ShouldBeNull();

        found.ShouldNotBeNull();
        found.ShouldStartWith(problem);
    }

    [Fact]
    public void A_stamp_path_that_is_a_folder_is_unreadable_not_a_crash()
    {
        var store = new StampStore(temp.Path, "x");
        Directory.CreateDirectory(store.PathOf("a"));

        store.Read("a", out var problem).ShouldBeNull();

        problem.ShouldNotBeNull();
    }

    [Fact]
    public void A_missing_stamp_is_null_without_a_problem_and_a_valid_one_reads_with_an_empty_summary()
    {
        var store = new StampStore(temp.Path, "x");
        store.Read("a", out var none).ShouldBeNull();
        none.ShouldBeNull();

        Directory.CreateDirectory(store.Directory);
        File.WriteAllText(store.PathOf("a"), Valid);
        var stamp = store.Read("a", out var problem);

        problem.ShouldBeNull();
        stamp!.Summary.ShouldBeEmpty();
        stamp.Outputs["text"].Path.ShouldBe("artifacts/x/a/text.txt");
    }
}
