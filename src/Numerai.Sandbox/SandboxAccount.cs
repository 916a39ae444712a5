using System.Security.Cryptography;
using System.Text;

namespace NumeraiPipeline.Numerai.Sandbox;

/// <summary>The one account of the sandbox: its keys, models, uploads and submissions. Thread-safe.</summary>
internal sealed class SandboxAccount
{
    private readonly Dictionary<string, byte[]> uploads = [];
    private readonly List<SandboxSubmission> submissions = [];
    private readonly Dictionary<string, string> webhooks = [];
    private readonly List<Live.DiagnosticsRun> diagnostics = [];

    public SandboxAccount(IEnumerable<string> modelNames, NumeraiPipeline.Numerai.Api.NumeraiCredentials keys)
    {
        Models = modelNames.Select(n => (Id: StableId(n), Name: n)).ToList();
        AuthorizationValue = $"Token {keys.PublicId}${keys.SecretKey}";
    }

    public IReadOnlyList<(string Id, string Name)> Models { get; }

    public string AuthorizationValue { get; }

    public static string StableId(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("sandbox-model:" + name));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    public void StoreUpload(string key, byte[] content)
    {
        lock (uploads)
        {
            uploads[key] = content;
        }
    }

    public byte[]? GetUpload(string key)
    {
        lock (uploads)
        {
            return uploads.GetValueOrDefault(key);
        }
    }

    public void AddSubmission(SandboxSubmission submission)
    {
        lock (submissions)
        {
            submissions.Add(submission);
        }
    }

    public IReadOnlyList<SandboxSubmission> Submissions(string? modelId = null)
    {
        lock (submissions)
        {
            // Newest first; of two made at the same instant, the later one first.
            return [.. submissions.Select((s, i) => (s, i)).Where(x => modelId is null || x.s.ModelId == modelId).OrderByDescending(x => x.s.InsertedAt).ThenByDescending(x => x.i).Select(x => x.s)];
        }
    }

    /// <summary>The latest submission of each (model, round): the one that counts, as Numerai counts the last valid upload.</summary>
    public IReadOnlyList<SandboxSubmission> Counted(string? modelId = null) =>
        [.. Submissions(modelId).GroupBy(s => (s.ModelId, s.Round)).Select(g => g.First()).OrderByDescending(s => s.Round)];

    public string? Webhook(string modelId)
    {
        lock (webhooks)
        {
            return webhooks.GetValueOrDefault(modelId);
        }
    }

    public void SetWebhook(string modelId, string? url)
    {
        lock (webhooks)
        {
            if (string.IsNullOrEmpty(url))
            {
                webhooks.Remove(modelId);
            }
            else
            {
                webhooks[modelId] = url;
            }
        }
    }

    public void AddDiagnostics(Live.DiagnosticsRun run)
    {
        lock (diagnostics)
        {
            diagnostics.Add(run);
        }
    }

    public IReadOnlyList<Live.DiagnosticsRun> Diagnostics(string? modelId)
    {
        lock (diagnostics)
        {
            return [.. diagnostics.Where(d => modelId is null || d.ModelId == modelId).OrderByDescending(d => d.InsertedAt)];
        }
    }
}
