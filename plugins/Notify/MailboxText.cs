using MimeKit;

namespace NumeraiPipeline.Plugins.Notify;

/// <summary>
/// One mail address as notify.email takes it (<c>name@example.com</c> or <c>Name &lt;name@example.com&gt;</c>),
/// read the same way at plan time and when the stage sends.
/// </summary>
internal static class MailboxText
{
    public const string Forms = "Write 'name@example.com' or 'Name <name@example.com>'";

    /// <summary>The address, or null when <paramref name="text"/> is not exactly one mail address with a local part and a domain.</summary>
    public static MailboxAddress? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text) || !MailboxAddress.TryParse(text.Trim(), out var address))
        {
            return null;
        }

        var at = address.Address.LastIndexOf('@');
        if (at <= 0 || at == address.Address.Length - 1)
        {
            return null;
        }

        var domain = address.Address[(at + 1)..];
        return domain.StartsWith('.') || domain.EndsWith('.') || domain.Contains("..", StringComparison.Ordinal) || Uri.CheckHostName(domain.Trim('[', ']')) == UriHostNameType.Unknown
            ? null
            : address;
    }
}
