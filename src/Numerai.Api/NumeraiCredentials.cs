namespace NumeraiPipeline.Numerai.Api;

/// <summary>A pair of Numerai API keys. <see cref="ToString"/> never shows the secret.</summary>
public sealed class NumeraiCredentials
{
    /// <summary>The environment variable of the public id.</summary>
    public const string PublicIdVariable = "NUMERAI_PUBLIC_ID";

    /// <summary>The environment variable of the secret key.</summary>
    public const string SecretKeyVariable = "NUMERAI_SECRET_KEY";

    /// <summary>The public id the sandbox accepts (published: the sandbox holds no real data).</summary>
    public const string SandboxPublicId = "SANDBOX_DEMO_PUBLIC_ID";

    /// <summary>The secret key the sandbox accepts (published: the sandbox holds no real data).</summary>
    public const string SandboxSecretKey = "SANDBOX_DEMO_SECRET_KEY_0123456789";

    /// <summary>Creates the pair.</summary>
    /// <param name="publicId">The public id.</param>
    /// <param name="secretKey">The secret key.</param>
    public NumeraiCredentials(string publicId, string secretKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicId);
        ArgumentException.ThrowIfNullOrWhiteSpace(secretKey);
        PublicId = publicId.Trim();
        SecretKey = secretKey.Trim();
    }

    /// <summary>The public id.</summary>
    public string PublicId { get; }

    /// <summary>The secret key.</summary>
    public string SecretKey { get; }

    /// <summary>The value of the Authorization header: <c>Token PUBLIC$SECRET</c>.</summary>
    internal string AuthorizationValue => $"Token {PublicId}${SecretKey}";

    /// <summary>
    /// Reads the keys through <paramref name="get"/> (e.g. a secret store that already handles NAME_FILE), or null when
    /// either is missing.
    /// </summary>
    /// <param name="get">Looks a name up.</param>
    /// <returns>The keys, or null.</returns>
    public static NumeraiCredentials? From(Func<string, string?> get)
    {
        var publicId = get(PublicIdVariable);
        var secret = get(SecretKeyVariable);
        return string.IsNullOrWhiteSpace(publicId) || string.IsNullOrWhiteSpace(secret) ? null : new NumeraiCredentials(publicId, secret);
    }

    /// <summary>
    /// Reads NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY from the environment, or from the files named by
    /// NUMERAI_PUBLIC_ID_FILE / NUMERAI_SECRET_KEY_FILE; null when either is missing.
    /// </summary>
    /// <returns>The keys, or null.</returns>
    public static NumeraiCredentials? FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="FromEnvironment()"/>, with the environment looked up through <paramref name="environment"/>.</summary>
    internal static NumeraiCredentials? FromEnvironment(Func<string, string?> environment) => From(name => ReadVariableOrFile(name, environment));

    /// <summary>The sandbox's demo keys.</summary>
    public static NumeraiCredentials SandboxDemo { get; } = new(SandboxPublicId, SandboxSecretKey);

    /// <summary>
    /// The keys a stage sends to whatever endpoint it is configured with: the given values when both are set (stage
    /// options, e.g. a sandbox's keys), else NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY read through <paramref name="get"/>;
    /// null when either is missing. No address gets keys of its own: a local proxy receives the configured keys.
    /// </summary>
    /// <param name="publicId">The public id given explicitly, or null.</param>
    /// <param name="secretKey">The secret key given explicitly, or null.</param>
    /// <param name="get">Looks a secret up (NUMERAI_PUBLIC_ID, NUMERAI_SECRET_KEY).</param>
    /// <returns>The keys, or null.</returns>
    public static NumeraiCredentials? Resolve(string? publicId, string? secretKey, Func<string, string?> get)
    {
        var id = string.IsNullOrWhiteSpace(publicId) ? get(PublicIdVariable) : publicId;
        var secret = string.IsNullOrWhiteSpace(secretKey) ? get(SecretKeyVariable) : secretKey;
        return string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(secret) ? null : new NumeraiCredentials(id, secret);
    }

    /// <summary>Shows the public id only.</summary>
    /// <returns>A safe description.</returns>
    public override string ToString() => $"NumeraiCredentials({PublicId}, ***)";

    private static string? ReadVariableOrFile(string name, Func<string, string?> environment)
    {
        var value = environment(name);
        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        var file = environment(name + "_FILE");
        return !string.IsNullOrWhiteSpace(file) && File.Exists(file) ? File.ReadAllText(file).Trim() : null;
    }
}
