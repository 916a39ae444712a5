using System.CommandLine;
using NumeraiPipeline.Orchestrator.Cli;

namespace NumeraiPipeline.Orchestrator.Tests.Cli;

/// <summary>Every numeric option of every command declares a range, and a value just outside it is an exit-2 error.</summary>
public sealed class NumericOptionRangeTests
{
    private static readonly Type[] Numeric = [typeof(int), typeof(int?), typeof(long), typeof(long?), typeof(double), typeof(double?), typeof(TimeSpan), typeof(TimeSpan?)];

    private static RootCommand Tree()
    {
        RootCommand? captured = null;
        _ = CliApp.InvokeAsync(["--help"], TextWriter.Null, TextWriter.Null, CancellationToken.None, configure: (root, _) => captured = root).GetAwaiter().GetResult();
        return captured!;
    }

    private static IEnumerable<(string[] Path, Option Option)> Walk(Command command, string[] path)
    {
        foreach (var option in command.Options)
        {
            yield return (path, option);
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var item in Walk(sub, [.. path, sub.Name]))
            {
                yield return item;
            }
        }
    }

    public static TheoryData<string, string, string> OutOfRange()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (path, option) in Walk(Tree(), []).Where(x => Numeric.Contains(x.Option.ValueType)))
        {
            var (min, max) = OptionRanges.All[option];
            foreach (var value in new[] { Below(min), Above(max) }.OfType<string>())
            {
                data.Add(string.Join(' ', path), option.Name, value);
            }
        }

        return data;
    }

    [Fact]
    public void Every_numeric_option_has_a_declared_range()
    {
        var numeric = Walk(Tree(), []).Where(x => Numeric.Contains(x.Option.ValueType)).ToList();

        numeric.Count.ShouldBeGreaterThanOrEqualTo(13);
        numeric.Where(x => !OptionRanges.All.ContainsKey(x.Option)).Select(x => string.Join(' ', x.Path) + " " + x.Option.Name).ShouldBeEmpty();
    }

    [Fact]
    public void The_walk_covers_the_numeric_options_of_plugin_commands()
    {
        var walked = Walk(Tree(), []).Where(x => Numeric.Contains(x.Option.ValueType)).Select(x => string.Join(' ', x.Path) + " " + x.Option.Name).ToList();

        // sandbox and synth come from the built-in sandbox plugin (plugins/Numerai.Sandbox), ranged by its [Range]s.
        walked.ShouldContain("sandbox --fail-status");
        walked.ShouldContain("sandbox --speed");
        walked.ShouldContain("synth --rows");
        OptionRanges.All[Walk(Tree(), []).First(x => x.Path is ["sandbox"] && x.Option.Name == "--fail-status").Option].ShouldBe((500, 599));
    }

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task A_value_outside_the_range_is_NP2005_with_exit_2(string command, string option, string value)
    {
        string[] args = [.. command.Split(' '), option, value, .. Required(command)];

        var result = await TestRepo.RunCliAsync(args);

        result.ExitCode.ShouldBe(2, result.Error);
        result.ErrorLines.ShouldContain(l => l.StartsWith($"numerai-pipeline: error NP2005: {option} must be between ", StringComparison.Ordinal) && l.EndsWith($", not {value}.", StringComparison.Ordinal));
        result.Error.ShouldNotContain("   at ");
    }

    [Theory]
    [InlineData("run", "--max-parallel")]
    [InlineData("schedule", "--max-runs")]
    [InlineData("schedule", "--retry-every")]
    public async Task A_value_that_is_not_a_number_is_NP2005_with_exit_2(string command, string option)
    {
        var result = await TestRepo.RunCliAsync([command, option, "many", .. Required(command)]);

        result.ExitCode.ShouldBe(2, result.Error);
        result.ErrorLines.ShouldContain(l => l.StartsWith($"numerai-pipeline: error NP2005: Cannot parse argument 'many' for option '{option}'", StringComparison.Ordinal));
    }

    /// <summary>The arguments each command needs besides the option under test (never reached: parsing fails first).</summary>
    private static string[] Required(string command) => command switch
    {
        "run" or "plan" => ["demo"],
        "schedule" => ["demo", "--cron", "20 12 * * 2-6"],
        "synth" => ["--out", Path.GetTempPath()],
        _ => [],
    };

    private static string? Below(object min) => min switch
    {
        int i when i > int.MinValue => (i - 1L).ToString(System.Globalization.CultureInfo.InvariantCulture),
        TimeSpan t => (t - TimeSpan.FromSeconds(1)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };

    private static string? Above(object max) => max switch
    {
        int i when i < int.MaxValue => (i + 1L).ToString(System.Globalization.CultureInfo.InvariantCulture),
        TimeSpan t => (t + TimeSpan.FromSeconds(1)).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}
