using NumeraiPipeline.TestKit;

namespace NumeraiPipeline.Numerai.Api.Tests;

public sealed class CredentialsTests
{
    [Fact]
    public void Endpoint_comes_from_the_option_then_the_environment_then_the_default()
    {
        NumeraiClientOptions.ResolveEndpoint("http://127.0.0.1:5000/", _ => "https://other").ShouldBe(new Uri("http://127.0.0.1:5000/"));
        NumeraiClientOptions.ResolveEndpoint("", _ => "https://example.test/").ShouldBe(new Uri("https://example.test/"));
        NumeraiClientOptions.ResolveEndpoint(null, _ => null).ShouldBe(NumeraiClientOptions.DefaultEndpoint);
        Should.Throw<ArgumentException>(() => NumeraiClientOptions.ResolveEndpoint("ftp://x", _ => null)).Message.ShouldContain("NUMERAI_API_URL");
    }

    [Fact]
    public void Explicit_keys_win_over_the_secrets_and_no_address_gets_keys_of_its_own()
    {
        var secrets = new Dictionary<string, string> { ["NUMERAI_PUBLIC_ID"] = "PUB", ["NUMERAI_SECRET_KEY"] = "SEC" };

        var fromSecrets = NumeraiCredentials.Resolve(null, "", secrets.GetValueOrDefault)!;
        var explicitKeys = NumeraiCredentials.Resolve("OPT", "OPTSEC", secrets.GetValueOrDefault)!;

        fromSecrets.PublicId.ShouldBe("PUB");
        fromSecrets.SecretKey.ShouldBe("SEC");
        fromSecrets.ToString().ShouldNotContain("SEC");
        (explicitKeys.PublicId, explicitKeys.SecretKey).ShouldBe(("OPT", "OPTSEC"));
        NumeraiCredentials.Resolve("OPT", null, _ => null).ShouldBeNull();
        NumeraiCredentials.Resolve(null, null, _ => null).ShouldBeNull();
    }

    [Fact]
    public void Keys_can_come_from_files()
    {
        using var ws = new TempWorkspace();
        File.WriteAllText(ws.File("pub"), "FILEPUB\n");
        File.WriteAllText(ws.File("sec"), "FILESEC\n");
        var environment = new Dictionary<string, string> { ["NUMERAI_PUBLIC_ID_FILE"] = ws.File("pub"), ["NUMERAI_SECRET_KEY_FILE"] = ws.File("sec") };
        var keys = NumeraiCredentials.FromEnvironment(environment.GetValueOrDefault)!;
        keys.PublicId.ShouldBe("FILEPUB");
        keys.SecretKey.ShouldBe("FILESEC");
        environment["NUMERAI_SECRET_KEY"] = "ENVSEC";
        NumeraiCredentials.FromEnvironment(environment.GetValueOrDefault)!.SecretKey.ShouldBe("ENVSEC");
        environment.Remove("NUMERAI_PUBLIC_ID_FILE");
        NumeraiCredentials.FromEnvironment(environment.GetValueOrDefault).ShouldBeNull();
    }
}
