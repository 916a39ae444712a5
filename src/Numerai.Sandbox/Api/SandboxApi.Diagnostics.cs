using System.Text.Json.Nodes;
using NumeraiPipeline.Numerai.Sandbox.GraphQl;
using NumeraiPipeline.Numerai.Sandbox.Live;

namespace NumeraiPipeline.Numerai.Sandbox;

internal sealed partial class SandboxApi
{
    private JsonNode CreateDiagnostics(IReadOnlyDictionary<string, JsonNode?> args, string? authorization)
    {
        RequireAuth(authorization);
        var modelId = ModelIdOrThrow(Str(args, "modelId"));
        var filename = Str(args, "filename")!;
        var content = account.GetUpload(filename) ?? throw new GqlResolverException(SandboxMessages.DiagnosticsFileNotUploaded);
        var now = clock.Now;
        var run = new DiagnosticsRun(Guid.NewGuid().ToString(), modelId, filename, now, now + options.DiagnosticsDelay, Task.Run(() => diagnostics.ComputeAsync(content, CancellationToken.None)));
        account.AddDiagnostics(run);
        return DiagnosticsJson(run);
    }

    private JsonNode Diagnostics(IReadOnlyDictionary<string, JsonNode?> args, string? authorization)
    {
        RequireAuth(authorization);
        var modelId = Str(args, "modelId");
        if (!string.IsNullOrEmpty(modelId))
        {
            ModelIdOrThrow(modelId);
        }

        var id = Str(args, "id");
        return new JsonArray([.. account.Diagnostics(string.IsNullOrEmpty(modelId) ? null : modelId).Where(d => id is null || d.Id == id).Select(d => (JsonNode?)DiagnosticsJson(d))]);
    }

    /// <summary>A run as V2Diagnostics: pending until the clock reaches its ready time, then (waiting for the computation) its result.</summary>
    private JsonObject DiagnosticsJson(DiagnosticsRun run)
    {
        var ready = clock.Now >= run.ReadyAt;
        var json = new JsonObject
        {
            ["id"] = run.Id,
            ["filename"] = run.Filename,
            ["insertedAt"] = Time(run.InsertedAt),
            ["updatedAt"] = Time(ready ? run.ReadyAt : run.InsertedAt),
            ["tournament"] = 8,
            ["status"] = SandboxDiagnostics.Pending,
            ["processSecs"] = ready ? (run.ReadyAt - run.InsertedAt).TotalSeconds : null,
        };
        if (ready)
        {
            foreach (var (key, value) in run.Result.GetAwaiter().GetResult())
            {
                json[key] = value?.DeepClone();
            }
        }

        return json;
    }
}
