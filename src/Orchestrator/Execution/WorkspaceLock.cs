using NumeraiPipeline.Orchestrator.Diagnostics;

namespace NumeraiPipeline.Orchestrator.Execution;

/// <summary>
/// One run at a time per workspace: an exclusive lock on WORKSPACE/run.lock (released by the OS if the process dies)
/// and the holder's pid in WORKSPACE/run.lock.info for the error message.
/// </summary>
internal sealed class WorkspaceLock : IDisposable
{
    private readonly FileStream stream;
    private readonly string infoPath;

    private WorkspaceLock(FileStream stream, string infoPath)
    {
        this.stream = stream;
        this.infoPath = infoPath;
    }

    public static WorkspaceLock Acquire(string workspace, string pipeline)
    {
        try
        {
            Directory.CreateDirectory(workspace);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PipelineException(DiagnosticCodes.WorkspaceUnwritable.Create("numerai-pipeline", workspace, ex.Message.TrimEnd('.')));
        }

        var path = Path.Combine(workspace, "run.lock");
        var info = path + ".info";
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            File.WriteAllText(info, $"{Environment.ProcessId} {DateTimeOffset.UtcNow:O} {pipeline}");
            return new WorkspaceLock(stream, info);
        }
        catch (IOException)
        {
            var holder = File.Exists(info) ? File.ReadAllText(info).Split(' ') : [];
            var pid = holder.Length > 0 ? holder[0] : "unknown";
            var started = holder.Length > 1 ? holder[1] : "unknown";
            throw new PipelineException(DiagnosticCodes.WorkspaceLocked.Create("numerai-pipeline", Definition.SourceLocation.DisplayPath(workspace), pid, started));
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PipelineException(DiagnosticCodes.WorkspaceUnwritable.Create("numerai-pipeline", workspace, ex.Message.TrimEnd('.')));
        }
    }

    public void Dispose()
    {
        try
        {
            if (File.Exists(infoPath) && File.ReadAllText(infoPath).StartsWith(Environment.ProcessId + " ", StringComparison.Ordinal))
            {
                File.Delete(infoPath);
            }
        }
        catch (IOException)
        {
        }

        stream.Dispose();
    }
}
