using System.Text.Json.Nodes;

namespace NumeraiPipeline.Numerai.Api;

public sealed partial class NumeraiClient
{
    /// <summary>
    /// Uploads validation predictions for Numerai's diagnostics, as numerapi's upload_diagnostics does:
    /// <c>diagnosticsUploadAuth</c>, a PUT of the CSV (status checked), then <c>createDiagnostics</c> (authenticated).
    /// </summary>
    /// <param name="path">The CSV (<c>id,prediction</c>) of validation predictions.</param>
    /// <param name="modelId">The model id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The diagnostics id.</returns>
    public async Task<string> UploadDiagnosticsAsync(string path, string modelId, CancellationToken cancellationToken = default)
    {
        var variables = new JsonObject { ["filename"] = Path.GetFileName(path), ["tournament"] = Options.Tournament, ["modelId"] = modelId };
        var data = await QueryAsync("diagnosticsUploadAuth", GraphQlDocuments.DiagnosticsUploadAuth, variables, true, cancellationToken);
        var auth = data["diagnosticsUploadAuth"] as JsonObject ?? throw Unexpected("diagnosticsUploadAuth", "no object");
        var key = auth["filename"]?.ToString() ?? throw Unexpected("diagnosticsUploadAuth", "no filename");
        await UploadFileAsync(ParseUrl(auth["url"], "diagnosticsUploadAuth"), path, cancellationToken);
        var created = await QueryAsync("createDiagnostics", GraphQlDocuments.CreateDiagnostics, new JsonObject { ["filename"] = key, ["tournament"] = Options.Tournament, ["modelId"] = modelId }, true, cancellationToken);
        return created["createDiagnostics"]?["id"]?.ToString() ?? throw Unexpected("createDiagnostics", "no id");
    }

    /// <summary>One diagnostics run of the model (<c>diagnostics</c>, authenticated), or null when the id is unknown.</summary>
    /// <param name="modelId">The model id.</param>
    /// <param name="diagnosticsId">The id from <see cref="UploadDiagnosticsAsync"/>.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The run.</returns>
    public async Task<DiagnosticsResult?> GetDiagnosticsAsync(string modelId, string diagnosticsId, CancellationToken cancellationToken = default)
    {
        var data = await QueryAsync("diagnostics", GraphQlDocuments.Diagnostics, new JsonObject { ["id"] = diagnosticsId, ["modelId"] = modelId }, true, cancellationToken);
        var run = (data["diagnostics"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(d => d["id"]?.ToString() == diagnosticsId);
        return run is null ? null : new DiagnosticsResult(diagnosticsId, run["status"]?.ToString() ?? "", run["message"]?.ToString(), ReadTime(run["updatedAt"]), (JsonObject)run.DeepClone());
    }
}
