using System.Collections.Concurrent;
using System.Security.Cryptography;
using NumeraiPipeline.Orchestrator.Incremental;
using NumeraiPipeline.Sdk;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>
/// The atomic output writer: a file output is written under a temporary name in the output folder and renamed into
/// place only when the stage's writer returns; on failure the temporary file is removed and nothing is recorded.
/// </summary>
internal sealed class HostStageOutputs(string directory, IReadOnlyCollection<string> declared, string stageId) : IStageOutputs
{
    public ConcurrentDictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, string> KnownHashes { get; } = new(StringComparer.Ordinal);

    public string Directory { get; } = System.IO.Directory.CreateDirectory(directory).FullName;

    public async Task<string> WriteFileAsync(string name, string fileName, Func<string, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        CheckDeclared(name);
        System.IO.Directory.CreateDirectory(Directory);
        var final = Path.Combine(Directory, fileName);
        var temp = AtomicFile.TempName(final);
        try
        {
            await write(temp, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (!File.Exists(temp))
            {
                throw new StageException("NP5003", $"stage '{stageId}': the writer of output '{name}' returned without writing its file.");
            }

            File.Move(temp, final, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }

        Files[name] = final;
        return final;
    }

    public Task<string> WriteStreamAsync(string name, string fileName, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken) =>
        WriteFileAsync(name, fileName, async (temp, ct) =>
        {
            await using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var hashing = new HashingStream(file, sha))
            {
                await write(hashing, ct).ConfigureAwait(false);
            }

            KnownHashes[Path.Combine(Directory, fileName)] = Convert.ToHexStringLower(sha.GetHashAndReset());
        }, cancellationToken);

    public void AddExistingFile(string name, string path)
    {
        CheckDeclared(name);
        if (!File.Exists(path))
        {
            throw new StageException("NP5003", $"stage '{stageId}': output '{name}' names '{path}', which does not exist.");
        }

        Files[name] = Path.GetFullPath(path);
    }

    /// <summary>Called when a value output is set (the host registers secret outputs with the secret store).</summary>
    public Action<string, string>? OnValue { get; init; }

    public void SetValue(string name, string value)
    {
        CheckDeclared(name);
        OnValue?.Invoke(name, value);
        Values[name] = value;
    }

    private void CheckDeclared(string name)
    {
        if (!declared.Contains(name))
        {
            throw new StageException("NP5007", $"stage '{stageId}' wrote output '{name}', which its type does not declare. Declared: {string.Join(", ", declared)}.");
        }
    }
}
