using NumeraiPipeline.Orchestrator.Diagnostics;

namespace NumeraiPipeline.Orchestrator.Tests.Diagnostics;

/// <summary>
/// Every declared code is asserted by at least one test: its code string (or its catalogue field) appears in the test
/// sources or in the corpus of expected outputs. The codes no test asserts yet are listed here, so the list can only
/// shrink: a new untested code fails, and so does a listed code once a test asserts it (remove it from the list).
/// </summary>
public sealed class CodeCoverageTests
{
    // Declared but not asserted by any test yet: none; a new code comes with its test.
    private static readonly string[] NotYetAsserted = [];

    private static readonly Lazy<string> TestText = new(() => string.Join('\n',
        Directory.EnumerateFiles(Path.Combine(TestRepo.Root, "tests"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "TestData"))
            .Where(f => Path.GetFileName(f) != nameof(CodeCoverageTests) + ".cs" && Path.GetExtension(f) is ".cs" or ".txt" or ".yaml" or ".yml" or ".json" or ".expected")
            .Select(File.ReadAllText)));

    private static IEnumerable<(string Code, string Field)> Declared() =>
        DiagnosticCodes.All().Select(c => (c.Code, $"DiagnosticCodes.{FieldOf(c.Code)}"))
            .Concat(BuiltCatalogues.All.Select(e => (e.Code.Code, $"{e.Type}.{e.Field}")));

    private static string FieldOf(string code) =>
        typeof(DiagnosticCodes).GetFields().First(f => f.GetValue(null) is NumeraiPipeline.Sdk.ErrorCode c && c.Code == code).Name;

    [Fact]
    public void Every_declared_code_is_asserted_by_a_test()
    {
        var missing = Declared()
            .Where(d => !TestText.Value.Contains(d.Code, StringComparison.Ordinal) && !TestText.Value.Contains(d.Field, StringComparison.Ordinal))
            .Select(d => d.Code)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        missing.Except(NotYetAsserted).ShouldBeEmpty("these codes are asserted by no test: add a test that asserts their text");
        NotYetAsserted.Except(missing).ShouldBeEmpty("these codes are asserted now: remove them from NotYetAsserted");
    }

    [Fact]
    public void Plugin_and_library_codes_are_unique_in_the_NP6_to_NP8_range_and_exit_as_the_README_says()
    {
        var entries = BuiltCatalogues.All;
        entries.ShouldNotBeEmpty();
        entries.Select(e => e.Code.Code).Distinct().Count().ShouldBe(entries.Count);
        entries.ShouldAllBe(e => e.Code.Code.Length == 6 && e.Code.Code.StartsWith("NP") && "678".Contains(e.Code.Code[2]));
        entries.Select(e => e.Code.Code).Intersect(DiagnosticCodes.All().Select(c => c.Code)).ShouldBeEmpty();

        // the README's exit-code table: 0 ok/declined, 1 a stage failed, 2 invalid input, 3 environment, 130 cancelled
        entries.Concat(DiagnosticCodes.All().Select(c => new CatalogueEntry("host", "host", "DiagnosticCodes", c.Code, c)))
            .ShouldAllBe(e => new[] { 0, 1, 2, 3, 130 }.Contains((int)e.Code.Exit));
    }
}
