using System.Globalization;
using System.Text;

namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

/// <summary>Splits a GraphQL document into tokens (commas and comments are insignificant).</summary>
internal static class GqlLexer
{
    public static List<GqlToken> Tokenize(string text)
    {
        var tokens = new List<GqlToken>();
        int i = 0, line = 1, lineStart = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var column = i - lineStart + 1;
            if (c == '\n')
            {
                line++;
                i++;
                lineStart = i;
            }
            else if (char.IsWhiteSpace(c) || c == ',' || c == '\uFEFF')
            {
                i++;
            }
            else if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if ("!$()[]{}:=@|&".Contains(c))
            {
                tokens.Add(new GqlToken(GqlTokenKind.Punctuator, c.ToString(), line, column));
                i++;
            }
            else if (c == '.' && i + 2 < text.Length && text[i + 1] == '.' && text[i + 2] == '.')
            {
                tokens.Add(new GqlToken(GqlTokenKind.Punctuator, "...", line, column));
                i += 3;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new GqlToken(GqlTokenKind.Name, text[start..i], line, column));
            }
            else if (char.IsAsciiDigit(c) || c == '-')
            {
                var start = i;
                i++;
                var isFloat = false;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or 'e' or 'E' or '+' or '-'))
                {
                    isFloat |= text[i] is '.' or 'e' or 'E';
                    i++;
                }

                var number = text[start..i];
                if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    throw new GqlSyntaxException($"syntax error before: \"{number}\"", line, column);
                }

                tokens.Add(new GqlToken(isFloat ? GqlTokenKind.Float : GqlTokenKind.Int, number, line, column));
            }
            else if (c == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length || text[i] == '\n')
                    {
                        throw new GqlSyntaxException("unterminated string", line, column);
                    }

                    var ch = text[i++];
                    if (ch == '"')
                    {
                        break;
                    }

                    if (ch == '\\' && i < text.Length)
                    {
                        var e = text[i++];
                        switch (e)
                        {
                            case 'n': sb.Append('\n'); break;
                            case 't': sb.Append('\t'); break;
                            case 'r': sb.Append('\r'); break;
                            case 'b': sb.Append('\b'); break;
                            case 'f': sb.Append('\f'); break;
                            case 'u' when i + 4 <= text.Length:
                                sb.Append((char)int.Parse(text.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                                i += 4;
                                break;
                            default: sb.Append(e); break;
                        }
                    }
                    else
                    {
                        sb.Append(ch);
                    }
                }

                tokens.Add(new GqlToken(GqlTokenKind.String, sb.ToString(), line, column));
            }
            else
            {
                throw new GqlSyntaxException($"illegal: {c}", line, column);
            }
        }

        tokens.Add(new GqlToken(GqlTokenKind.End, "", line, i - lineStart + 1));
        return tokens;
    }
}
