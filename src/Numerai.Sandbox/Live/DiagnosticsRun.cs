using System.Text.Json.Nodes;

namespace NumeraiPipeline.Numerai.Sandbox.Live;

/// <summary>One diagnostics run: computed in the background from its upload, shown once the clock passes <see cref="ReadyAt"/>.</summary>
/// <param name="Id">The diagnostics id.</param>
/// <param name="ModelId">The model it belongs to.</param>
/// <param name="Filename">The uploaded file's server-side key.</param>
/// <param name="InsertedAt">When createDiagnostics was called.</param>
/// <param name="ReadyAt">When the result is shown (insertedAt + the sandbox's diagnostics delay).</param>
/// <param name="Result">The computed V2Diagnostics fields (status done or failed, with their message).</param>
internal sealed record DiagnosticsRun(string Id, string ModelId, string Filename, DateTimeOffset InsertedAt, DateTimeOffset ReadyAt, Task<JsonObject> Result);
