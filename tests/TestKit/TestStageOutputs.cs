using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.TestKit;

/// <summary>Atomic outputs for tests: temporary name, then rename; records files and values.</summary>
public sealed class TestStageOutputs : IStageOutputs
{
    public TestStageOutputs(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
    }

    public string Directory { get; }

    public Dictionary<string, string> Files { get; } = [];

    public Dictionary<string, string> Values { get; } = [];

    public async Task<string> WriteFileAsync(string name, string fileName, Func<string, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var final = Path.Combine(Directory, fileName);
        var temp = final + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await write(temp, cancellationToken);
            File.Move(temp, final, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        lock (Files)
        {
            Files[name] = final;
        }

        return final;
    }

    public Task<string> WriteStreamAsync(string name, string fileName, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) =>
        WriteFileAsync(name, fileName, async (temp, ct) =>
        {
            await using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await write(stream, ct);
        }, cancellationToken);

    public void AddExistingFile(string name, string path)
    {
        lock (Files)
        {
            Files[name] = path;
        }
    }

    public void SetValue(string name, string value)
    {
        lock (Values)
        {
            Values[name] = value;
        }
    }
}
