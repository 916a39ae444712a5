namespace NumeraiPipeline.Sdk;

/// <summary>Writes a stage's outputs atomically: files are written under a temporary name and renamed into place.</summary>
public interface IStageOutputs
{
    /// <summary>The folder where this stage's output files land.</summary>
    string Directory { get; }

    /// <summary>
    /// Writes a file output: <paramref name="write"/> gets a temporary path to write; when it returns, the file is
    /// renamed to <paramref name="fileName"/> in <see cref="Directory"/> and recorded as output <paramref name="name"/>.
    /// If it throws, the temporary file is deleted and nothing is recorded.
    /// </summary>
    /// <param name="name">The declared output name.</param>
    /// <param name="fileName">The final file name, e.g. <c>model.txt</c>.</param>
    /// <param name="write">Writes the complete file at the given temporary path.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The final absolute path.</returns>
    Task<string> WriteFileAsync(string name, string fileName, Func<string, CancellationToken, Task> write, CancellationToken cancellationToken);

    /// <summary>As <see cref="WriteFileAsync"/>, with a stream to write instead of a path.</summary>
    /// <param name="name">The declared output name.</param>
    /// <param name="fileName">The final file name.</param>
    /// <param name="write">Writes the complete content to the stream.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The final absolute path.</returns>
    Task<string> WriteStreamAsync(string name, string fileName, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken);

    /// <summary>Records a file that is already complete at its final place (moved there atomically by the stage).</summary>
    /// <param name="name">The declared output name.</param>
    /// <param name="path">The file's absolute path.</param>
    void AddExistingFile(string name, string path);

    /// <summary>Sets a value output (a number, an id, a URL).</summary>
    /// <param name="name">The declared output name.</param>
    /// <param name="value">The value.</param>
    void SetValue(string name, string value);
}
