using System.Text;
using System.Text.RegularExpressions;

namespace NumeraiPipeline.Deploy.Tests;

/// <summary>
/// A structural reader of Terraform's HCL: strips comments and string contents while checking that strings,
/// interpolations and brackets are balanced, then lists top-level blocks and references.
/// </summary>
internal static partial class Hcl
{
    /// <summary>Returns the text with comments removed and string contents blanked; throws on unbalanced syntax.</summary>
    public static string Skeleton(string text, string file)
    {
        var output = new StringBuilder(text.Length);
        var stack = new Stack<char>();
        var i = 0;
        var line = 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
            }

            if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FormatException($"{file}({line}): unterminated /* comment");
                }

                i = end + 2;
                continue;
            }

            if (c == '"')
            {
                i = SkipString(text, i + 1, file, ref line);
                output.Append("\"\"");
                continue;
            }

            if (c is '{' or '[' or '(')
            {
                stack.Push(c);
            }
            else if (c is '}' or ']' or ')')
            {
                var open = c switch { '}' => '{', ']' => '[', _ => '(' };
                if (stack.Count == 0 || stack.Pop() != open)
                {
                    throw new FormatException($"{file}({line}): unbalanced '{c}'");
                }
            }

            output.Append(c);
            i++;
        }

        if (stack.Count > 0)
        {
            throw new FormatException($"{file}: '{stack.Peek()}' is never closed");
        }

        return output.ToString();
    }

    /// <summary>Top-level blocks as "kind label1 label2" (e.g. <c>resource google_storage_bucket artifacts</c>).</summary>
    public static IReadOnlyList<string> Blocks(string text)
    {
        var blocks = new List<string>();
        foreach (Match m in TopBlock().Matches(text))
        {
            blocks.Add(string.Join(' ', new[] { m.Groups[1].Value }.Concat(m.Groups[2].Captures.Select(c => c.Value))));
        }

        return blocks;
    }

    private static int SkipString(string text, int i, string file, ref int line)
    {
        while (i < text.Length)
        {
            switch (text[i])
            {
                case '\\':
                    i += 2;
                    continue;
                case '"':
                    return i + 1;
                case '\n':
                    throw new FormatException($"{file}({line}): string not closed on its line");
                case '$' when i + 1 < text.Length && text[i + 1] == '{':
                    // An interpolation: find its closing brace, allowing nested strings and braces.
                    var depth = 0;
                    i += 1;
                    do
                    {
                        if (text[i] == '{')
                        {
                            depth++;
                        }
                        else if (text[i] == '}')
                        {
                            depth--;
                        }
                        else if (text[i] == '"')
                        {
                            i = SkipString(text, i + 1, file, ref line) - 1;
                        }

                        i++;
                    }
                    while (depth > 0 && i < text.Length);
                    continue;
                default:
                    i++;
                    continue;
            }
        }

        throw new FormatException($"{file}({line}): unterminated string");
    }

    [GeneratedRegex("^(resource|data|variable|output|provider|terraform|locals|module)(?:\\s+\"([^\"]*)\")*\\s*\\{", RegexOptions.Multiline)]
    private static partial Regex TopBlock();
}
