using System.Text;

namespace NumeraiPipeline.Orchestrator.Definition;

/// <summary>Finds and substitutes <c>${vars.*}</c>, <c>${env.*}</c>, <c>${secrets.*}</c> and <c>${stages.X.outputs.Y}</c>; <c>$${</c> is a literal <c>${</c>.</summary>
internal static class Interpolation
{
    public static IReadOnlyList<Reference> Find(string? text)
    {
        var result = new List<Reference>();
        if (string.IsNullOrEmpty(text))
        {
            return result;
        }

        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            if (start > 0 && text[start - 1] == '$')
            {
                i = start + 2;
                continue;
            }

            var end = text.IndexOf('}', start + 2);
            if (end < 0)
            {
                result.Add(new Reference(ReferenceKind.Unknown, text[start..], [], null, start, text.Length - start));
                break;
            }

            var body = text[(start + 2)..end].Trim();
            string? fallback = null;
            var dflt = body.IndexOf(":-", StringComparison.Ordinal);
            if (dflt >= 0)
            {
                fallback = body[(dflt + 2)..];
                body = body[..dflt];
            }

            var parts = SplitParts(body);
            var kind = parts[0] switch
            {
                "vars" => ReferenceKind.Vars,
                "env" => ReferenceKind.Env,
                "secrets" => ReferenceKind.Secrets,
                "stages" => ReferenceKind.Stages,
                "matrix" => ReferenceKind.Matrix,
                _ => ReferenceKind.Unknown,
            };
            result.Add(new Reference(kind, text[start..(end + 1)], parts.Skip(1).ToArray(), fallback, start, end + 1 - start));
            i = end + 1;
        }

        return result;
    }

    /// <summary>Splits at dots outside brackets: <c>stages.train[lr=0.01].outputs.model</c> has four parts.</summary>
    private static string[] SplitParts(string body)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < body.Length; i++)
        {
            switch (body[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '.' when depth == 0:
                    parts.Add(body[start..i]);
                    start = i + 1;
                    break;
            }
        }

        parts.Add(body[start..]);
        return parts.ToArray();
    }

    /// <summary>Whether the whole text is exactly one reference (so a typed value may replace it).</summary>
    public static Reference? Whole(string? text)
    {
        var refs = Find(text);
        return refs.Count == 1 && refs[0].Start == 0 && refs[0].Length == text!.Length ? refs[0] : null;
    }

    /// <summary>
    /// Replaces the references for which <paramref name="replace"/> gives text and keeps the rest of the text exactly
    /// as written (escapes included), so the result can be interpolated again later.
    /// </summary>
    public static string Rewrite(string text, Func<Reference, string?> replace)
    {
        var refs = Find(text);
        var sb = new StringBuilder();
        var pos = 0;
        foreach (var r in refs)
        {
            if (replace(r) is { } with)
            {
                sb.Append(text, pos, r.Start - pos).Append(with);
                pos = r.Start + r.Length;
            }
        }

        return sb.Append(text, pos, text.Length - pos).ToString();
    }

    public static string Substitute(string text, Func<Reference, string> resolve)
    {
        var refs = Find(text);
        if (refs.Count == 0)
        {
            return text.Replace("$${", "${", StringComparison.Ordinal);
        }

        var sb = new StringBuilder();
        var pos = 0;
        foreach (var r in refs)
        {
            sb.Append(text, pos, r.Start - pos);
            sb.Append(resolve(r));
            pos = r.Start + r.Length;
        }

        sb.Append(text, pos, text.Length - pos);
        return sb.ToString().Replace("$${", "${", StringComparison.Ordinal);
    }
}
