namespace NumeraiPipeline.Orchestrator.Definition;

internal enum WhenKind
{
    Success,
    Failure,
    Always,
    Comparison,
}

/// <summary>A stage's <c>when</c>: success (default), failure, always, or <c>LEFT == RIGHT</c> / <c>LEFT != RIGHT</c> over interpolated text.</summary>
internal sealed record WhenCondition(WhenKind Kind, string Left = "", string Operator = "", string Right = "")
{
    public static bool TryParse(string text, out WhenCondition condition)
    {
        condition = new WhenCondition(WhenKind.Success);
        switch (text.Trim())
        {
            case "success":
                return true;
            case "failure":
                condition = new WhenCondition(WhenKind.Failure);
                return true;
            case "always":
                condition = new WhenCondition(WhenKind.Always);
                return true;
        }

        foreach (var op in new[] { "==", "!=" })
        {
            var i = text.IndexOf(op, StringComparison.Ordinal);
            if (i > 0)
            {
                var left = Unquote(text[..i]);
                var right = Unquote(text[(i + 2)..]);
                if (left.Length > 0 && right.Length > 0 && (Interpolation.Find(left).Count > 0 || Interpolation.Find(right).Count > 0))
                {
                    condition = new WhenCondition(WhenKind.Comparison, left, op, right);
                    return true;
                }
            }
        }

        return false;
    }

    public bool Evaluate(Func<string, string> interpolate)
    {
        var l = interpolate(Left);
        var r = interpolate(Right);
        var equal = string.Equals(l, r, StringComparison.OrdinalIgnoreCase)
            || (double.TryParse(l, System.Globalization.CultureInfo.InvariantCulture, out var a) && double.TryParse(r, System.Globalization.CultureInfo.InvariantCulture, out var b) && a == b);
        return Operator == "==" ? equal : !equal;
    }

    private static string Unquote(string s)
    {
        s = s.Trim();
        return s.Length >= 2 && (s[0] == '\'' || s[0] == '"') && s[^1] == s[0] ? s[1..^1] : s;
    }
}
