using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// A local adjoint array that only ever holds zero is not made, stored or loaded (issue 12, perf19; the GMM's <c>Gen17a</c>):
/// after <see cref="ReverseRowWalks"/> holds the row's <c>dXc[i]</c> in a local, the program's only writes of <c>dXc</c> are
/// the zeroings <c>dXc[i] = 0.0</c> after each read, so every load reads 0. Each read becomes the literal zero, the
/// arithmetic around it folds (a term that multiplies it is dropped, a sum keeps its other terms, an add of nothing is
/// dropped), and the array's creation and zeroing stores go.
/// <para>
/// Soundness: the adjoint array is created zeroed (<c>new</c>, or the workspace's <c>Local</c>, which clears it), and every
/// step that names it is its creation, an assignment of an unsigned zero to one slot (<c>dT[i] = 0.0;</c>), or an expression
/// that reads one slot (<c>dT[i]</c>, with the index's own text free of the name). No callee, copy, alias, branch condition
/// or loop bound names it, and no other node's adjoint (a parameter's above all) has its name. So every slot holds +0.0 at
/// every point of every run, and each read gives +0.0. Dropping a read drops its bounds check; each adjoint slot the reverse
/// sweep touches mirrors an element the forward sweep touched at the same index in an array of the same length, so an index
/// out of range has thrown there already. Folding: <c>v + 0.0</c> and <c>0.0 + v</c> are <c>v</c> for every v but −0.0, and
/// <c>e · 0.0</c> is 0 for every finite e: an adjoint may now be −0.0 where it was +0.0 (as <see cref="ZeroStarts"/>), and a
/// contribution that was an infinite or NaN local gradient times an adjoint of exactly zero (NaN) is now no contribution,
/// which is the derivative (the activity analysis drops 0·NaN for the same reason, DESIGN "Activity analysis").
/// Only <c>double[]</c> and <c>float[]</c> adjoints.
/// </para>
/// </summary>
internal static class ZeroAdjointArrays
{
    /// <summary>Stands for a read of an all-zero slot in the text being folded.</summary>
    private const char ZeroRead = '\u0006';

    /// <summary>Brackets a reference to another adjoint in the text being folded: <c>\u0005k\u0005</c>.</summary>
    private const char Reference = '\u0005';

    public static AdjointProgram Run(AdjointProgram program, ComputationGraph graph)
    {
        var flat = StepTree.Flatten(program.Body);
        var names = program.Adjoints;
        string Name(int node) => node >= 0 && node < names.Length ? names[node] : "\u0002";
        var zero = new Dictionary<string, ScalarType>(System.StringComparer.Ordinal);
        foreach (var created in flat.OfType<NewAdjointArray>())
        {
            string array = Name(created.Node);
            if (array.Length == 0 || zero.ContainsKey(array)) continue;
            if (Element(graph.Nodes[created.Node % graph.Nodes.Length].TypeName) is not { } type) continue;
            // Every node with this adjoint name is a local array of the same element type (no parameter's, no scalar's).
            if (Enumerable.Range(0, graph.Nodes.Length).Any(id => Name(id) == array
                && (graph.Nodes[id].Gate == GateKind.Parameter || Element(graph.Nodes[id].TypeName) != type))) continue;
            if (flat.All(s => Allowed(s, array, Name))) zero[array] = type;
        }
        if (zero.Count == 0) return program;

        // Declarations whose value changed or whose last reader went: dropped below when nothing reads them.
        var suspects = new HashSet<string>(System.StringComparer.Ordinal);
        var body = StepTree.Rewrite(program.Body, block =>
        {
            var result = new List<Step>(block.Count);
            foreach (var step in block)
            {
                var rewritten = Rewrite(step, zero, graph, Name, suspects);
                if (rewritten is not null) result.Add(rewritten);
            }
            return result;
        });
        body = DropUnread(body, suspects, Name);
        return program with { Body = body };
    }

    private static ScalarType? Element(string typeName) => typeName switch
    {
        "double[]" => ScalarType.Double,
        "float[]" => ScalarType.Float,
        _ => null,
    };

    /// <summary>Whether the step leaves the array all zero and reads it only slot by slot (or does not name it at all).</summary>
    private static bool Allowed(Step s, string array, System.Func<int, string> name)
    {
        if (!ZeroStarts.Names(s, array, name)) return true;
        switch (s)
        {
            case NewAdjointArray a when name(a.Node) == array:
                return !SingleUseAdjoints.NamedIn(a.Length, array);
            case Contribute c when name(c.Target) == array:
                return c is { Index: { } index, How: Accumulation.Assign, Negative: false } && FusedSums.IsZero(c.Value)
                    && !SingleUseAdjoints.NamedIn(index, array);
            case Contribute or NewAdjointLocal or AddToParameter or AddToLocal:
                if (StepTree.Writes(s).Any(w => name(w) == array)) return false;
                if (SingleUseAdjoints.RawTexts(s).Any(t => SingleUseAdjoints.NamedIn(t, array))) return false;
                if (s is NewAdjointLocal l && l.Name == array) return false;
                return SingleUseAdjoints.Texts(s).All(t => ReadsSlotsOnly(t, array, name));
            default:
                return false;
        }
    }

    /// <summary>The text names the array only as references each followed by one index, <c>[…]</c>, that does not name it.</summary>
    private static bool ReadsSlotsOnly(AdjointText text, string array, System.Func<int, string> name)
    {
        if (text.Text.Any(t => SingleUseAdjoints.NamedIn(t, array))) return false;
        for (int r = 0; r < text.Refs.Length; r++)
        {
            if (name(text.Refs[r]) != array) continue;
            // The index must close within the text that follows (a reference inside it would make it a nested read).
            if (IndexLength(text.Text[r + 1]) < 0) return false;
        }
        return true;
    }

    /// <summary>The length of the bracketed index at the start of the text, <c>[…]</c>, or -1.</summary>
    private static int IndexLength(string after)
    {
        if (after.Length == 0 || after[0] != '[') return -1;
        int depth = 0;
        for (int i = 0; i < after.Length; i++)
        {
            if (after[i] is '[' or '(') depth++;
            else if (after[i] is ']' or ')' && --depth == 0) return after[i] == ']' ? i + 1 : -1;
        }
        return -1;
    }

    /// <summary>The step with the zero arrays gone from it; null when it goes altogether.</summary>
    private static Step? Rewrite(Step step, Dictionary<string, ScalarType> zero, ComputationGraph graph, System.Func<int, string> name, HashSet<string> suspects)
    {
        switch (step)
        {
            case NewAdjointArray a when zero.ContainsKey(name(a.Node)):
                return null;
            case Contribute c when zero.ContainsKey(name(c.Target)):
                return null;
        }
        var texts = SingleUseAdjoints.Texts(step).ToList();
        if (texts.Count != 1 || !texts[0].Refs.Any(r => zero.ContainsKey(name(r)))) return step;
        var (folded, isZero) = Fold(texts[0], zero, name);
        // What the value read, the names whose reader may now be gone.
        foreach (var r in texts[0].Refs) suspects.Add(name(r));
        switch (step)
        {
            case Contribute { How: Accumulation.Add } when isZero:
            case AddToParameter when isZero:
            case AddToLocal when isZero:
                return null;
            case Contribute c:
                suspects.Add(name(c.Target));
                if (!isZero) return c with { Value = folded };
                var target = graph.Nodes[c.Target % graph.Nodes.Length];
                var type = c.Index is null ? target.Type : Element(target.TypeName) ?? target.Type;
                return c with { Value = AdjointText.Plain(ScalarLiterals.Zero(type)), Negative = false, Input = -1 };
            case NewAdjointLocal l:
                suspects.Add(l.Name);
                return l with { Value = isZero && l.Type is "double" or "float" ? AdjointText.Plain(l.Type == "float" ? "0.0f" : "0.0") : folded };
            case AddToParameter p:
                return p with { Value = folded };
            case AddToLocal l:
                return l with { Value = folded };
            default:
                return step;
        }
    }

    /// <summary>The text with each read of a zero array's slot folded away, or replaced by the literal where it cannot fold.</summary>
    internal static (AdjointText Text, bool IsZero) Fold(AdjointText text, Dictionary<string, ScalarType> zero, System.Func<int, string> name)
    {
        // Flatten to one string: zero reads as ZeroRead (their index dropped), other references as \u0005k\u0005.
        var flat = new System.Text.StringBuilder(text.Text[0]);
        var kinds = new List<ScalarType>();
        for (int r = 0; r < text.Refs.Length; r++)
        {
            string after = text.Text[r + 1];
            if (zero.TryGetValue(name(text.Refs[r]), out var type))
            {
                flat.Append(ZeroRead);
                kinds.Add(type);
                after = after.Substring(IndexLength(after));
            }
            else
            {
                flat.Append(Reference).Append(r.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(Reference);
            }
            flat.Append(after);
        }
        string folded = Sum(flat.ToString());
        if (IsZeroTerm(folded)) return (AdjointText.Plain(ScalarLiterals.Zero(kinds.Contains(ScalarType.Double) ? ScalarType.Double : ScalarType.Float)), true);
        // Back to text and references; a zero read left inside (a conditional, a call's argument) is its array's literal zero.
        var parts = new List<AdjointText>();
        var plain = new System.Text.StringBuilder();
        int reads = 0;
        for (int i = 0; i < folded.Length; i++)
        {
            char ch = folded[i];
            if (ch == ZeroRead)
            {
                plain.Append(ScalarLiterals.Zero(kinds[reads++]));
            }
            else if (ch == Reference)
            {
                int end = folded.IndexOf(Reference, i + 1);
                int r = int.Parse(folded.Substring(i + 1, end - i - 1), System.Globalization.CultureInfo.InvariantCulture);
                parts.Add(AdjointText.Plain(plain.ToString()));
                plain.Clear();
                parts.Add(AdjointText.Of(text.Refs[r]));
                i = end;
            }
            else
            {
                plain.Append(ch);
            }
        }
        parts.Add(AdjointText.Plain(plain.ToString()));
        return (AdjointText.Concat(parts.ToArray()), false);
    }

    /// <summary>
    /// The sum with its zero terms dropped; the text as it stands when it is not a plain sum at its top level (a conditional,
    /// a comparison: <see cref="FusedSums.Loose"/>). The generator writes binary + and − with a space each side and a
    /// unary minus without, so the terms split at " + " and " - " outside brackets.
    /// </summary>
    private static string Sum(string text)
    {
        if (FusedSums.Loose(text, right: false)) return text;
        var terms = Split(text, " + ", " - ");
        if (terms.Count == 1) return Term(text);
        var kept = new System.Text.StringBuilder();
        foreach (var (op, term) in terms)
        {
            string t = Term(term);
            if (IsZeroTerm(t)) continue;
            if (kept.Length > 0) kept.Append(op);
            // A first term that was subtracted is negated: 0 − v is −v (but for v = +0.0: −0.0 instead of +0.0).
            else if (op == " - ") t = "-(" + t + ")";
            kept.Append(t);
        }
        return kept.Length == 0 ? ZeroRead.ToString() : kept.ToString();
    }

    /// <summary>One additive term: zero when a factor of its product is zero; a parenthesised sum folded inside.</summary>
    private static string Term(string term)
    {
        string t = term.Trim();
        if (IsZeroTerm(t)) return ZeroRead.ToString();
        if (t.StartsWith("-", System.StringComparison.Ordinal) && IsZeroTerm(Term(t.Substring(1)))) return ZeroRead.ToString();
        if (Enclosed(t))
        {
            string inner = Sum(t.Substring(1, t.Length - 2));
            return IsZeroTerm(inner) ? inner : "(" + inner + ")";
        }
        // Only products: a quotient or remainder by a zero is not zero.
        var factors = Split(t, " * ");
        if (factors.Count == 1 || Split(t, " / ", " % ").Count > 1) return t;
        return factors.Any(f => IsZeroTerm(Term(f.Text))) ? ZeroRead.ToString() : t;
    }

    private static bool IsZeroTerm(string t) => t.Length == 1 && t[0] == ZeroRead;

    /// <summary>The whole text is one bracketed group: <c>(…)</c>.</summary>
    private static bool Enclosed(string t)
    {
        if (t.Length < 2 || t[0] != '(' || t[t.Length - 1] != ')') return false;
        int depth = 0;
        for (int i = 0; i < t.Length; i++)
        {
            if (t[i] is '(' or '[' or '{') depth++;
            else if (t[i] is ')' or ']' or '}' && --depth == 0 && i < t.Length - 1) return false;
        }
        return true;
    }

    /// <summary>The text split at the separators outside brackets, each piece with the separator before it ("" for the first).</summary>
    private static List<(string Op, string Text)> Split(string text, params string[] separators)
    {
        var pieces = new List<(string, string)>();
        int depth = 0, start = 0;
        string op = "";
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (ch is '(' or '[' or '{') depth++;
            else if (ch is ')' or ']' or '}') depth--;
            else if (depth == 0 && separators.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0) is { } sep)
            {
                pieces.Add((op, text.Substring(start, i - start)));
                op = sep;
                start = i + sep.Length;
                i = start - 1;
            }
        }
        pieces.Add((op, text.Substring(start)));
        return pieces;
    }

    /// <summary>
    /// Drops a declaration (<c>double dA = …;</c>, <c>T name = …;</c>) among <paramref name="suspects"/> that no step names any
    /// more: its value changed to a constant (an unread constant local is CS0219) or its last reader was dropped. Its value
    /// reads adjoints only (no call, no store), so dropping it changes nothing else; what it read becomes a suspect in turn.
    /// </summary>
    private static EquatableArray<Step> DropUnread(EquatableArray<Step> body, HashSet<string> suspects, System.Func<int, string> name)
    {
        while (true)
        {
            var flat = StepTree.Flatten(body);
            Step? unread = flat.FirstOrDefault(s => Declared(s, name) is { } declared && suspects.Contains(declared) && !Calls(s, name)
                && !flat.Any(o => !ReferenceEquals(o, s) && (ZeroStarts.Names(o, declared, name) || o is NewAdjointLocal other && other.Name == declared)));
            if (unread is null) return body;
            foreach (var t in SingleUseAdjoints.Texts(unread))
            {
                foreach (var r in t.Refs) suspects.Add(name(r));
            }
            body = StepTree.Rewrite(body, block => block.Where(s => !ReferenceEquals(s, unread)).ToList());
        }
    }

    /// <summary>Whether the declaration's value calls anything (an identifier or a generic's bracket right before a parenthesis).</summary>
    private static bool Calls(Step s, System.Func<int, string> name) =>
        SingleUseAdjoints.Texts(s).Any(t => System.Text.RegularExpressions.Regex.IsMatch(t.Render(name), @"[\w>]\s*\("));

    /// <summary>The local a step declares from adjoints: an adjoint's first contribution, or an adjoint local.</summary>
    private static string? Declared(Step s, System.Func<int, string> name) => s switch
    {
        Contribute { How: Accumulation.Declare, Index: null } c when name(c.Target) is var n && n != "dResult" => n,
        NewAdjointLocal l => l.Name,
        _ => null,
    };
}
