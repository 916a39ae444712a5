using NumeraiPipeline.Orchestrator.Execution;
using NumeraiPipeline.Sdk;
using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Orchestrator.Tests.Execution;

/// <summary>The host's output writer raises its codes from the catalogue (NP5003, NP5007), with the catalogue's text.</summary>
public sealed class HostStageOutputsTests : IDisposable
{
    private readonly TempWorkspace ws = new();

    public void Dispose() => ws.Dispose();

    private HostStageOutputs Outputs() => new(Path.Combine(ws.Path, "out"), ["model", "csv"], "train");

    [Fact]
    public async Task A_writer_that_writes_nothing_is_NP5003_and_nothing_is_recorded()
    {
        var outputs = Outputs();
        var ex = await Should.ThrowAsync<StageException>(() => outputs.WriteFileAsync("model", "model.txt", (_, _) => Task.CompletedTask, CancellationToken.None));
        ex.Code.ShouldBe("NP5003");
        ex.Message.ShouldBe("stage 'train': output 'model' was not produced: its writer returned without writing the file. The plugin must write it through context.Outputs.");
        ex.ExitCode.ShouldBe(1);
        outputs.Files.ShouldBeEmpty();
    }

    [Fact]
    public void An_existing_file_output_that_does_not_exist_is_NP5003()
    {
        var missing = Path.Combine(ws.Path, "nowhere.csv");
        var ex = Should.Throw<StageException>(() => Outputs().AddExistingFile("csv", missing));
        ex.Code.ShouldBe("NP5003");
        ex.Message.ShouldBe($"stage 'train': output 'csv' was not produced: it names '{missing}', which does not exist. The plugin must write it through context.Outputs.");
    }

    [Fact]
    public void An_undeclared_output_is_NP5007_listing_the_declared_ones()
    {
        var ex = Should.Throw<StageException>(() => Outputs().SetValue("score", "1"));
        ex.Code.ShouldBe("NP5007");
        ex.Message.ShouldBe("stage 'train' wrote output 'score', which its type does not declare. Declared: model, csv.");
        ex.ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task A_written_output_is_moved_into_place()
    {
        var outputs = Outputs();
        var path = await outputs.WriteFileAsync("model", "model.txt", (tmp, ct) => File.WriteAllTextAsync(tmp, "tree", ct), CancellationToken.None);
        File.ReadAllText(path).ShouldBe("tree");
        outputs.Files["model"].ShouldBe(path);
    }
}
