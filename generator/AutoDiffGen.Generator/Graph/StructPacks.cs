using System.Collections.Generic;
using System.Text;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// The construction of a struct of reals from its components, as a template (a <see cref="GateKind.Pack"/> node's
/// text): C# with a marker per component, filled with the components' values in the forward sweep and with their
/// tangents in forward mode. System.Numerics vectors by their constructor, a user struct by an object initializer
/// (nested structs are fields, so their members take nested initializers: <c>At = { X = …, Y = … }</c>).
/// </summary>
internal static class StructPacks
{
    private const char Open = '\u0002', Close = '\u0003', PathSeparator = '\u0004';

    /// <summary>The template for a struct whose components are at <paramref name="paths"/>, with the paths kept after it.</summary>
    public static string Template(string typeName, bool constructor, IReadOnlyList<string> paths)
    {
        var b = new StringBuilder("new ").Append(typeName);
        if (constructor)
        {
            b.Append('(');
            for (int k = 0; k < paths.Count; k++) b.Append(k > 0 ? ", " : "").Append(Marker(k));
            b.Append(')');
        }
        else
        {
            b.Append(' ');
            Initializer(b, paths, "", 0, paths.Count);
        }
        return b.Append(PathSeparator).Append(string.Join(" ", paths)).ToString();
    }

    /// <summary>{ X = …, At = { X = …, Y = … } } over paths[from..to) under <paramref name="prefix"/>.</summary>
    private static void Initializer(StringBuilder b, IReadOnlyList<string> paths, string prefix, int from, int to)
    {
        b.Append("{ ");
        bool first = true;
        for (int k = from; k < to;)
        {
            string rest = paths[k].Substring(prefix.Length);
            int dot = rest.IndexOf('.');
            if (!first) b.Append(", ");
            first = false;
            if (dot < 0)
            {
                b.Append(rest).Append(" = ").Append(Marker(k));
                k++;
                continue;
            }
            string member = rest.Substring(0, dot);
            string inner = prefix + member + ".";
            int end = k;
            while (end < to && paths[end].StartsWith(inner, System.StringComparison.Ordinal)) end++;
            b.Append(member).Append(" = ");
            Initializer(b, paths, inner, k, end);
            k = end;
        }
        b.Append(" }");
    }

    /// <summary>A template from C# text that holds a <see cref="Marker"/> per component.</summary>
    public static string FromText(string text, IReadOnlyList<string> paths) => text + PathSeparator + string.Join(" ", paths);

    /// <summary>The place of component <paramref name="k"/> in a template's text.</summary>
    public static string Marker(int k) => Open + k.ToString(System.Globalization.CultureInfo.InvariantCulture) + Close;

    /// <summary>The components' paths kept in a template.</summary>
    public static string[] Paths(string template) => template.Substring(template.IndexOf(PathSeparator) + 1).Split(' ');

    /// <summary>The template's pieces: literal C# text, then the component whose value follows it (-1 after the last piece).</summary>
    public static List<(string Literal, int Component)> Pieces(string template)
    {
        string text = template.Substring(0, template.IndexOf(PathSeparator));
        var pieces = new List<(string, int)>();
        int at = 0;
        while (true)
        {
            int open = text.IndexOf(Open, at);
            if (open < 0)
            {
                pieces.Add((text.Substring(at), -1));
                return pieces;
            }
            int close = text.IndexOf(Close, open);
            pieces.Add((text.Substring(at, open - at), int.Parse(text.Substring(open + 1, close - open - 1), System.Globalization.CultureInfo.InvariantCulture)));
            at = close + 1;
        }
    }

    /// <summary>The template filled with C# text per component.</summary>
    public static string Text(string template, System.Func<int, string> part)
    {
        var b = new StringBuilder();
        foreach (var (literal, component) in Pieces(template))
        {
            b.Append(literal);
            if (component >= 0) b.Append(part(component));
        }
        return b.ToString();
    }
}
