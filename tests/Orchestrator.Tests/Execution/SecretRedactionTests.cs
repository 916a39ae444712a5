using System.Net;
using System.Text.Json;
using NumeraiPipeline.Orchestrator.Diagnostics;
using NumeraiPipeline.Orchestrator.Execution;

namespace NumeraiPipeline.Orchestrator.Tests.Execution;

/// <summary>A secret is masked in every form it takes in text: any case, URL-encoded, JSON- or HTML-escaped, split.</summary>
public sealed class SecretRedactionTests
{
    private const string Canary = "Can4ry+Secret/Value=\"x&y\"";

    private static EnvironmentSecretStore Store()
    {
        var store = new EnvironmentSecretStore(name => name == "CANARY" ? Canary : null);
        store.Get("CANARY").ShouldBe(Canary);
        return store;
    }

    // Several encoders agree on this secret (URL escaping by Uri and by WebUtility, JSON by two serializers): each
    // distinct text is one case, so that none is reported twice under one id.
    public static TheoryData<string> Forms() => new(new[]
    {
        Canary,
        Canary.ToUpperInvariant(),
        Canary.ToLowerInvariant(),
        Uri.EscapeDataString(Canary),
        Uri.EscapeDataString(Canary).ToLowerInvariant(),
        WebUtility.UrlEncode(Canary.ToUpperInvariant()),
        WebUtility.HtmlEncode(Canary),
        JsonSerializer.Serialize(Canary)[1..^1],
        JsonSerializer.Serialize(Canary.ToLowerInvariant())[1..^1],
        JsonSerializer.Serialize(JsonSerializer.Serialize(Canary)),
        System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(Canary),
    }.Distinct(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Forms))]
    public void Every_form_of_the_secret_inside_other_text_is_masked(string form)
    {
        var text = $"before https://hooks.example/{form}?a=1 after";

        var redacted = Store().Redact(text);

        redacted.ShouldStartWith("before https://hooks.example/");
        redacted.ShouldEndWith(" after");
        redacted.ShouldContain("***");
        redacted.ShouldNotContain("Can4ry", Case.Insensitive);
        redacted.ShouldNotContain("Secret", Case.Insensitive);
    }

    [Fact]
    public void The_redacting_writer_catches_a_secret_written_in_pieces()
    {
        var inner = new StringWriter();
        var store = Store();
        using (var writer = new RedactingTextWriter(inner, store))
        {
            writer.Write("token: ");
            foreach (var c in Canary)
            {
                writer.Write(c);
            }

            writer.WriteLine();
            writer.Write("tail ");
            writer.Write(Canary[..5]);
            writer.Write(Canary[5..]);
        }

        inner.ToString().ShouldBe("token: ***" + Environment.NewLine + "tail ***");
    }

    [Fact]
    public void An_option_error_masks_every_piece_of_a_secret_a_plugin_split_off_or_recased()
    {
        var masked = SecretMasking.Mask("tag 'Can4ry+Secret/Value' holds '\"X&Y\"', and 'VALUE=' is odd", [Canary]);

        masked.ShouldBe("tag '***' holds '***', and '***' is odd");
        SecretMasking.Mask("params: {\"k\":\"abc\\u002Ben\"}", ["abc+en"]).ShouldBe("params: {\"k\":\"***\"}");
    }
}
