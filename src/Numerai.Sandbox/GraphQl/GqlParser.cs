using System.Globalization;
using System.Text.Json.Nodes;

namespace NumeraiPipeline.Numerai.Sandbox.GraphQl;

/// <summary>
/// A small recursive-descent parser for the documents numerapi sends: one query or mutation (anonymous or named),
/// variable definitions, fields with aliases, arguments and nested selection sets. Fragments are refused.
/// </summary>
internal sealed class GqlParser
{
    private readonly List<GqlToken> tokens;
    private int position;

    private GqlParser(List<GqlToken> tokens) => this.tokens = tokens;

    private GqlToken Current => tokens[position];

    public static GqlDocument Parse(string text)
    {
        var parser = new GqlParser(GqlLexer.Tokenize(text));
        return parser.ParseDocument();
    }

    private GqlDocument ParseDocument()
    {
        var operation = "query";
        var variables = new List<GqlVariableDefinition>();
        if (Current.Kind == GqlTokenKind.Name && Current.Text is "query" or "mutation" or "subscription")
        {
            operation = Next().Text;
            if (Current.Kind == GqlTokenKind.Name)
            {
                Next();
            }

            if (IsPunct("("))
            {
                Next();
                while (!IsPunct(")"))
                {
                    Expect("$");
                    var name = ExpectName();
                    Expect(":");
                    var type = ParseType();
                    JsonNode? def = null;
                    if (IsPunct("="))
                    {
                        Next();
                        var value = ParseValue(constant: true);
                        def = value.Literal;
                    }

                    variables.Add(new GqlVariableDefinition(name, type, def));
                }

                Next();
            }
        }

        var selections = ParseSelectionSet();
        if (Current.Kind != GqlTokenKind.End)
        {
            throw SyntaxError();
        }

        return new GqlDocument(operation, variables, selections);
    }

    private string ParseType()
    {
        string type;
        if (IsPunct("["))
        {
            Next();
            type = "[" + ParseType() + "]";
            Expect("]");
        }
        else
        {
            type = ExpectName();
        }

        if (IsPunct("!"))
        {
            Next();
            type += "!";
        }

        return type;
    }

    private List<GqlField> ParseSelectionSet()
    {
        Expect("{");
        var fields = new List<GqlField>();
        while (!IsPunct("}"))
        {
            if (IsPunct("..."))
            {
                throw new GqlSyntaxException("Fragments are not supported by this sandbox", Current.Line, Current.Column);
            }

            fields.Add(ParseField());
        }

        Next();
        if (fields.Count == 0)
        {
            throw SyntaxError();
        }

        return fields;
    }

    private GqlField ParseField()
    {
        var start = Current;
        var name = ExpectName();
        string? alias = null;
        if (IsPunct(":"))
        {
            Next();
            alias = name;
            name = ExpectName();
        }

        var arguments = new List<KeyValuePair<string, GqlValue>>();
        if (IsPunct("("))
        {
            Next();
            while (!IsPunct(")"))
            {
                var argName = ExpectName();
                Expect(":");
                arguments.Add(new(argName, ParseValue(constant: false)));
            }

            Next();
        }

        var selections = IsPunct("{") ? ParseSelectionSet() : null;
        return new GqlField(alias, name, arguments, selections, start.Line, start.Column);
    }

    private GqlValue ParseValue(bool constant)
    {
        var token = Current;
        if (IsPunct("$"))
        {
            if (constant)
            {
                throw SyntaxError();
            }

            Next();
            return new GqlValue(ExpectName(), null, token.Line, token.Column);
        }

        return new GqlValue(null, ParseLiteral(constant), token.Line, token.Column);
    }

    private JsonNode? ParseLiteral(bool constant)
    {
        var token = Next();
        switch (token.Kind)
        {
            case GqlTokenKind.Int:
                return long.TryParse(token.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? JsonValue.Create(l) : JsonValue.Create(double.Parse(token.Text, CultureInfo.InvariantCulture));
            case GqlTokenKind.Float:
                return JsonValue.Create(double.Parse(token.Text, CultureInfo.InvariantCulture));
            case GqlTokenKind.String:
                return JsonValue.Create(token.Text);
            case GqlTokenKind.Name:
                return token.Text switch
                {
                    "true" => JsonValue.Create(true),
                    "false" => JsonValue.Create(false),
                    "null" => null,
                    _ => JsonValue.Create(token.Text),
                };
            case GqlTokenKind.Punctuator when token.Text == "[":
                var list = new JsonArray();
                while (!IsPunct("]"))
                {
                    var item = ParseValue(constant);
                    list.Add(item.Variable is null ? item.Literal : throw new GqlSyntaxException("Variables inside lists are not supported by this sandbox", item.Line, item.Column));
                }

                Next();
                return list;
            case GqlTokenKind.Punctuator when token.Text == "{":
                var obj = new JsonObject();
                while (!IsPunct("}"))
                {
                    var key = ExpectName();
                    Expect(":");
                    var item = ParseValue(constant);
                    obj[key] = item.Variable is null ? item.Literal : throw new GqlSyntaxException("Variables inside objects are not supported by this sandbox", item.Line, item.Column);
                }

                Next();
                return obj;
            default:
                position--;
                throw SyntaxError();
        }
    }

    private bool IsPunct(string text) => Current.Kind == GqlTokenKind.Punctuator && Current.Text == text;

    private GqlToken Next()
    {
        var token = Current;
        if (token.Kind != GqlTokenKind.End)
        {
            position++;
        }

        return token;
    }

    private void Expect(string punct)
    {
        if (!IsPunct(punct))
        {
            throw SyntaxError();
        }

        Next();
    }

    private string ExpectName()
    {
        if (Current.Kind != GqlTokenKind.Name)
        {
            throw SyntaxError();
        }

        return Next().Text;
    }

    private GqlSyntaxException SyntaxError() =>
        Current.Kind == GqlTokenKind.End
            ? new GqlSyntaxException("syntax error before: end of document", Current.Line, Current.Column)
            : new GqlSyntaxException($"syntax error before: \"{Current.Text}\"", Current.Line, Current.Column);
}
