using System.Diagnostics;
using System.Globalization;
using System.Text;

// Orchestrator overhead, measured as a user sees it: whole processes of numerai-pipeline (runtime start included).
//   plan cold start of a 50-stage pipeline (target < 300 ms)
//   no-op rerun of the same pipeline when everything is up to date (target < 1 s)
// Usage: dotnet run -c Release --project bench/Orchestrator.Bench [-- --stages 50 --repeat 7]
var stages = Arg("--stages", 50);
var repeat = Arg("--repeat", 7);
var root = FindRoot();
var exe = Path.Combine(AppContext.BaseDirectory, "numerai-pipeline.dll");
var plugins = Path.Combine(root, "artifacts", "test-plugins");
var dir = Directory.CreateTempSubdirectory("np-bench-").FullName;
try
{
    var pipeline = Path.Combine(dir, "fifty.yaml");
    File.WriteAllText(pipeline, Pipeline(stages));
    var workspace = Path.Combine(dir, "ws");

    var first = Run("run", pipeline, "--plugins", plugins, "--workspace", workspace, "--quiet");
    Console.WriteLine($"first run of {stages} stages: {first.TotalMilliseconds:0} ms");
    var plan = Measure(() => Run("plan", pipeline, "--plugins", plugins, "--workspace", workspace, "--quiet"));
    var noop = Measure(() => Run("run", pipeline, "--plugins", plugins, "--workspace", workspace, "--quiet"));
    var validate = Measure(() => Run("validate", pipeline, "--plugins", plugins, "--quiet"));
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {repeat} runs each, median (min-max)");
    Print($"plan cold start, {stages} stages (target < 300 ms)", plan);
    Print($"validate cold start, {stages} stages", validate);
    Print($"no-op rerun, {stages} stages up to date (target < 1000 ms)", noop);
}
finally
{
    Directory.Delete(dir, recursive: true);
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

List<double> Measure(Func<TimeSpan> action) => Enumerable.Range(0, repeat).Select(_ => action().TotalMilliseconds).Order().ToList();

void Print(string what, List<double> ms) => Console.WriteLine($"{what}: {ms[ms.Count / 2]:0} ms ({ms[0]:0}-{ms[^1]:0})");

TimeSpan Run(params string[] arguments)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
    start.ArgumentList.Add(exe);
    foreach (var a in arguments)
    {
        start.ArgumentList.Add(a);
    }

    var sw = Stopwatch.StartNew();
    using var p = Process.Start(start)!;
    var err = p.StandardError.ReadToEndAsync();
    p.StandardOutput.ReadToEnd();
    p.WaitForExit();
    sw.Stop();
    if (p.ExitCode != 0)
    {
        throw new InvalidOperationException($"numerai-pipeline {string.Join(' ', arguments)} exited {p.ExitCode}: {err.Result}");
    }

    return sw.Elapsed;
}

static string Pipeline(int n)
{
    // Ten independent chains of five stages: echo, copy, copy, echo with input, copy.
    var sb = new StringBuilder("name: bench-fifty\nstages:\n");
    for (var i = 0; i < n; i++)
    {
        var chain = i / 5;
        var step = i % 5;
        var prev = $"s{i - 1}";
        sb.Append(step switch
        {
            0 => $"  s{i}: {{ uses: test.echo, with: {{ message: \"chain {chain}\", count: 3 }} }}\n",
            3 => $"  s{i}: {{ uses: test.echo, with: {{ message: \"step {i}\", input: \"${{stages.{prev}.outputs.copy}}\" }} }}\n",
            4 => $"  s{i}: {{ uses: test.copy, with: {{ source: \"${{stages.{prev}.outputs.text}}\", upper: true }} }}\n",
            _ => $"  s{i}: {{ uses: test.copy, with: {{ source: \"${{stages.{prev}.outputs.{(step == 1 ? "text" : "copy")}}}\" }} }}\n",
        });
    }

    return sb.ToString();
}

static string FindRoot()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
    {
        if (File.Exists(Path.Combine(d.FullName, "NumeraiPipeline.sln")))
        {
            return d.FullName;
        }
    }

    throw new InvalidOperationException("repository root not found");
}
