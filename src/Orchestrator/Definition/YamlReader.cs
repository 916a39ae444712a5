using NumeraiPipeline.Orchestrator.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NumeraiPipeline.Orchestrator.Definition;

/// <summary>Reads YAML text into a <see cref="YNode"/> tree with positions; reports syntax errors and duplicate keys.</summary>
internal static class YamlReader
{
    public static YNode Read(string text, string file, List<Diagnostic> diagnostics)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return new YMapping([], new SourceLocation(file, 1, 1));
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, file, anchors, diagnostics);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var e = parser.Current!;
                diagnostics.Add(DiagnosticCodes.YamlSyntax.Create(Loc(file, e.Start).ToString(), "a pipeline file holds one YAML document; remove the second '---'."));
            }

            return root;
        }
        catch (YamlException ex)
        {
            var message = ex.Message;
            var idx = message.IndexOf("): ", StringComparison.Ordinal);
            if (idx >= 0 && message.StartsWith('('))
            {
                message = message[(idx + 3)..];
            }

            diagnostics.Add(DiagnosticCodes.YamlSyntax.Create(Loc(file, ex.Start).ToString(), message.TrimEnd('.') + "."));
            return new YMapping([], new SourceLocation(file, 1, 1));
        }
    }

    private static YNode ReadNode(IParser parser, string file, Dictionary<string, YNode> anchors, List<Diagnostic> diagnostics)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target.DeepClone();
            }

            throw new YamlException(alias.Start, alias.End, $"unknown alias '*{alias.Value.Value}'");
        }

        YNode node;
        string? anchor = null;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
            node = new YScalar(scalar.Value, scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded, Loc(file, scalar.Start));
        }
        else if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            anchor = seqStart.Anchor.IsEmpty ? null : seqStart.Anchor.Value;
            var items = new List<YNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, file, anchors, diagnostics));
            }

            node = new YSequence(items, Loc(file, seqStart.Start));
        }
        else if (parser.TryConsume<MappingStart>(out var mapStart))
        {
            anchor = mapStart.Anchor.IsEmpty ? null : mapStart.Anchor.Value;
            var entries = new List<YEntry>();
            var location = Loc(file, mapStart.Start);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = ReadNode(parser, file, anchors, diagnostics);
                var value = ReadNode(parser, file, anchors, diagnostics);
                if (keyNode is not YScalar { Value: { } key })
                {
                    throw new YamlException(Mark(keyNode.Location), Mark(keyNode.Location), "keys must be plain names");
                }

                if (key == "<<" && value is YMapping merge)
                {
                    foreach (var e in merge.Entries.Where(e => entries.All(x => x.Key != e.Key)))
                    {
                        entries.Add(e);
                    }

                    continue;
                }

                if (entries.Any(e => e.Key == key))
                {
                    diagnostics.Add(DiagnosticCodes.DuplicateKey.Create(keyNode.Location.ToString(), key, "this map"));
                    continue;
                }

                entries.Add(new YEntry(key, keyNode.Location, value));
            }

            node = new YMapping(entries, location);
        }
        else
        {
            var e = parser.Current!;
            throw new YamlException(e.Start, e.End, $"unexpected {e.GetType().Name}");
        }

        if (anchor is not null)
        {
            anchors[anchor] = node;
        }

        return node;
    }

    private static SourceLocation Loc(string file, Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

    private static Mark Mark(SourceLocation l) => new(0, l.Line, l.Column);
}
