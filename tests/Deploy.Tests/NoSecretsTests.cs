namespace NumeraiPipeline.Deploy.Tests;

public sealed class NoSecretsTests
{
    [Fact]
    public void No_file_under_deploy_holds_a_key_like_string()
    {
        var deploy = RepositoryFiles.PathOf("deploy");
        var files = Directory.EnumerateFiles(deploy, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.terraform{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        files.Count.ShouldBeGreaterThan(10);

        var findings = files.SelectMany(f => SecretScanner.Scan(File.ReadAllText(f)).Select(s => $"{Path.GetRelativePath(RepositoryFiles.Root, f)}: {s}")).ToList();

        findings.ShouldBeEmpty();
        files.ShouldNotContain(f => f.EndsWith(".tfstate", StringComparison.Ordinal) || f.EndsWith(".tfvars", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----")]
    [InlineData("{\"type\": \"service_account\", \"private_key_id\": \"abc\"}")]
    [InlineData("url = \"https://hooks.slack.com/services/T0123ABC/B0456DEF/abcdefGHIJKL0123\"")]
    [InlineData("ENV NUMERAI_SECRET_KEY=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123")]
    [InlineData("NUMERAI_PUBLIC_ID: ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")]
    [InlineData("password = \"hunter2hunter2\"")]
    [InlineData("Authorization: ya29.a0AfH6SMBx-example-token-value")]
    [InlineData("key=AIzaSyA1234567890abcdefghijklmnopqrstuv")]
    public void The_scanner_finds_planted_secrets(string text) => SecretScanner.Scan(text).ShouldNotBeEmpty();

    [Theory]
    [InlineData("secret_id = each.value")]
    [InlineData("webhook_url: ${secrets.SLACK_WEBHOOK_URL}")]
    [InlineData("printf '%s' \"$value\" | gcloud secrets versions add \"$name\" --data-file=-")]
    [InlineData("name = \"TRIGGER_SECRET\"")]
    public void The_scanner_passes_references_to_secrets(string text) => SecretScanner.Scan(text).ShouldBeEmpty();
}
