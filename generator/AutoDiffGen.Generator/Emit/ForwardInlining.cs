using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// Which forward-sweep values <c>MBackward</c> writes into their one reader instead of a local of their own
/// (<c>double sum2 = 1.0 + (x * x);</c> for <c>double prod2 = x * x; double sum2 = 1.0 + prod2;</c>, and
/// <c>r_4 = (prod + tanh);</c> for <c>double r = prod + tanh; r_4 = r;</c>). Compiling generated code costs per
/// statement and per local (docs/performance.md, "Compile cost"), and about a third of the forward sweep's locals are
/// read once, by the next gate.
/// <para>
/// A value is inlined only when the whole text of the program names it twice (its declaration and one read, so the
/// reverse sweep never reads it), it is a <c>double</c> computed by an operator or a <c>Math</c> function (pure, never
/// throws: moving it later changes nothing but where it is computed), and its reader is a later gate or phi copy of the
/// same block with nothing between them that writes a variable it reads. The operations and their order per value are
/// the same, and .NET neither contracts <c>a * b + c</c> into a fused multiply–add nor keeps a <c>double</c> wider than
/// 64 bits, so every value, and every gradient, is the same bits.
/// </para>
/// </summary>
internal static class ForwardInlining
{
    /// <summary>Gates whose value may be written into its reader: pure, non-throwing, over <c>double</c>.</summary>
    private static readonly HashSet<GateKind> Inlinable = new()
    {
        GateKind.Copy, GateKind.Add, GateKind.Subtract, GateKind.Multiply, GateKind.Divide, GateKind.Negate,
        GateKind.Exp, GateKind.Log, GateKind.Sqrt, GateKind.Sin, GateKind.Cos, GateKind.Tan, GateKind.Tanh,
        GateKind.Sinh, GateKind.Cosh, GateKind.Asin, GateKind.Acos, GateKind.Atan, GateKind.Atan2, GateKind.Pow,
        GateKind.Abs, GateKind.Max, GateKind.Min,
    };

    /// <summary>Gates whose forward text reads each input once where <c>LocalGradients.Forward</c> puts its operand.</summary>
    private static readonly HashSet<GateKind> Readers = new(Inlinable) { GateKind.Sigmoid, GateKind.Reciprocal };

    /// <summary>
    /// Whether the text of an inlined value of <paramref name="inner"/> needs parentheses as input <paramref name="i"/> of
    /// <paramref name="reader"/>: not as a whole argument or a copy, nor where C#'s precedence and left associativity
    /// already group it so (<c>a * b + c</c>, <c>a + b - c</c>). The parse, and so every operation, is the same either way.
    /// </summary>
    public static bool Parenthesized(GateKind inner, GateKind reader, int i)
    {
        int mine = Precedence(inner);
        if (mine == 0) return false; // a call or a name
        int outer = reader switch
        {
            GateKind.Add or GateKind.Subtract => 1,
            GateKind.Multiply or GateKind.Divide or GateKind.Reciprocal => 2, // 1 / a: a is a right operand
            GateKind.Negate or GateKind.Sigmoid => 3, // -a
            _ => 0, // a whole argument, or a copy
        };
        if (outer == 0) return false;
        if (inner == GateKind.Negate) return true;
        bool left = i == 0 && reader is GateKind.Add or GateKind.Subtract or GateKind.Multiply or GateKind.Divide;
        return !(mine > outer || mine == outer && left);
    }

    private static int Precedence(GateKind gate) => gate switch
    {
        GateKind.Add or GateKind.Subtract => 1,
        GateKind.Multiply or GateKind.Divide => 2,
        GateKind.Negate => 3,
        _ => 0,
    };

    /// <summary>
    /// The nodes whose values to inline, and (in a tangent program: <c>MForward</c>, a carried <c>MBackward</c>) the
    /// tangents to inline, by their reference, given the program's text as written without inlining.
    /// </summary>
    public static (HashSet<int> Values, HashSet<int> Tangents) Choose(EquatableArray<Node> nodes, AdjointProgram program, string text)
    {
        var chosen = new HashSet<int>();
        var tangents = new HashSet<int>();
        var names = program.Adjoints;
        // Only the names of possible candidates are counted: a scan of the text that allocates nothing per word.
        var counts = new Dictionary<string, int>(System.StringComparer.Ordinal);
        foreach (var step in StepTree.Flatten(program.Body))
        {
            if (step is Compute c && Candidate(c, nodes[c.Node], nodes)) counts[nodes[c.Node].Name] = 0;
            else if (step is Tangent t && TangentCandidate(t, nodes, names)) counts[names[t.Node]] = 0;
        }
        if (counts.Count == 0) return (chosen, tangents);
        Count(text, counts);
        new Walk(nodes, names, counts, chosen, tangents).Block(program.Body);
        return (chosen, tangents);
    }

    /// <summary>
    /// A tangent that may be inlined if the text names it twice: declared where it is computed, a <c>double</c>, and its
    /// text pure and non-throwing (names, literals, arithmetic, <c>Math</c> and <c>SafeDerivatives</c> calls; no element,
    /// member or allocation), so writing it later, in its one reader, computes the same bits.
    /// </summary>
    private static bool TangentCandidate(Tangent t, EquatableArray<Node> nodes, EquatableArray<string> names) =>
        t.Declare && ScalarTangent(t.Node, t.Value, nodes, names) && nodes[t.Node % nodes.Length].TypeName == "double"
        && PureText(t.Value.Render(r => names[r]));

    private static readonly string[] PureCalls = { "global::System.Math.", "global::AutoDiffGen.Internals.SafeDerivatives." };

    /// <summary>Text that reads names and literals and calls only pure functions: no element, member, allocation or write.</summary>
    internal static bool PureText(string text)
    {
        foreach (var call in PureCalls) text = text.Replace(call, "");
        if (text.IndexOfAny(new[] { '[', '"', '{', '\'', '%', '=' }) >= 0 && !OnlyComparisons(text)) return false;
        if (text.Contains("++") || text.Contains("--") || text.Contains("new ") || text.Contains("=>")) return false;
        for (int i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] == '.' && (char.IsLetter(text[i + 1]) || text[i + 1] == '_')) return false; // a member
        }
        return true;
    }

    /// <summary>Every '=' of the text is part of a comparison (<c>&gt;=</c>, <c>&lt;=</c>, <c>==</c>, <c>!=</c>) and nothing else forbidden.</summary>
    private static bool OnlyComparisons(string text)
    {
        if (text.IndexOfAny(new[] { '[', '"', '{', '\'', '%' }) >= 0) return false;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '=') continue;
            bool after = i > 0 && text[i - 1] is '>' or '<' or '!' or '=';
            bool before = i + 1 < text.Length && text[i + 1] == '=';
            if (!after && !before) return false;
        }
        return true;
    }

    /// <summary>A value that may be inlined if the text names it twice: its declaration and one read.</summary>
    private static bool Candidate(Compute c, Node node, EquatableArray<Node> nodes) =>
        c.Declare && node.Call is null && !node.IsInline
        && (node.TypeName == "double" && (Inlinable.Contains(node.Gate) || Literal(node))
            || node.TypeName == "int" && (Literal(node) || Counter(node, nodes)));

    private static bool Literal(Node node) => node.Gate == GateKind.Constant && node.Inputs.IsEmpty && NumberLiteral(node.Text);

    /// <summary>
    /// A counter's step, <c>int i_2 = i_1 + 1;</c>: an <c>int</c> local plus or minus a literal (a constant gate's text over
    /// its one input). It reads no member or element, but may throw in a <c>checked</c> build, so it is moved only past
    /// steps that cannot throw (<see cref="Walk.KeepsCounters"/>), and written only into a copy (constants are: Walk.Block).
    /// </summary>
    private static bool Counter(Node node, EquatableArray<Node> nodes)
    {
        if (node.Gate != GateKind.Constant || node.Inputs.Length != 1) return false;
        var input = nodes[node.Inputs[0]];
        if (input.IsInline || input.TypeName != "int") return false;
        string text = node.Text;
        foreach (var op in new[] { " + ", " - " })
        {
            string prefix = input.Name + op;
            if (text.StartsWith(prefix, System.StringComparison.Ordinal) && text.Length > prefix.Length
                && text.Substring(prefix.Length).All(char.IsDigit)) return true;
        }
        return false;
    }

    /// <summary>
    /// A literal such as <c>0.0</c>, <c>1E-05</c> or <c>(-2.5)</c>: a constant local is written into a copy that reads it
    /// (a loop's entry, <c>double acc_1 = 0.0;</c>), never into an operator, where a constant operand costs the compiler
    /// a full overload resolution (docs/performance.md, "Compile cost, 2026-12-02 second session").
    /// </summary>
    private static bool NumberLiteral(string text)
    {
        string t = text.StartsWith("(-", System.StringComparison.Ordinal) && text.EndsWith(")", System.StringComparison.Ordinal) ? text.Substring(2, text.Length - 3) : text;
        return t.Length > 0 && char.IsDigit(t[0]) && t.All(ch => ch is >= '0' and <= '9' or '.' or 'E' or 'e' or '+' or '-');
    }

    /// <summary>One walk of the program: the candidates of each block, and the chosen values and tangents.</summary>
    private sealed class Walk(EquatableArray<Node> nodes, EquatableArray<string> names, Dictionary<string, int> counts, HashSet<int> chosen, HashSet<int> chosenTangents)
    {
        public void Block(EquatableArray<Step> steps)
        {
            // Candidates declared in this block and not read yet, with the variables their text reads: values by node,
            // tangents by their reference.
            var pending = new Dictionary<int, HashSet<string>>();
            var tangents = new Dictionary<int, HashSet<string>>();
            foreach (var step in steps)
            {
                if (!KeepsCounters(step, nodes, names)) DropCounters(pending);
                switch (step)
                {
                    case Compute c when nodes[c.Node].Call is null:
                        var node = nodes[c.Node];
                        var reads = new HashSet<string>();
                        foreach (int input in node.Inputs)
                        {
                            if (pending.TryGetValue(input, out var inner))
                            {
                                pending.Remove(input);
                                if (!Readers.Contains(node.Gate) || node.Inputs.Count(i => i == input) != 1
                                    || nodes[input].Gate == GateKind.Constant && node.Gate != GateKind.Copy) continue;
                                chosen.Add(input);
                                reads.UnionWith(inner);
                            }
                            else
                            {
                                Words(nodes[input].Name, reads);
                            }
                        }
                        // A value declared before (a branch's or an invariant read's) is written here: nothing pending may read it.
                        if (!c.Declare) Written(pending, tangents, node.Name, "");
                        if (Candidate(c, node, nodes) && counts.TryGetValue(node.Name, out int named) && named == 2)
                        {
                            pending[c.Node] = reads;
                        }
                        break;
                    case SetLocal s:
                        Copied(pending, tangents, s.Value);
                        Written(pending, tangents, s.Name, s.Value);
                        break;
                    case NewLocal l when pending.Count + tangents.Count == 0 || pending.Keys.Any(id => nodes[id].Name == l.Value) || tangents.Keys.Any(r => names[r] == l.Value) || Plain(l.Value):
                        // A loop's entry (`double acc_1 = acc;`) reads a candidate as a phi copy does; another plain value leaves them alone.
                        Copied(pending, tangents, l.Value);
                        Written(pending, tangents, l.Name, l.Value);
                        break;
                    case Increment i:
                        Written(pending, tangents, i.Name, "");
                        break;
                    case TapePush p:
                        // A push writes the tapes and their tops, which no candidate reads; it may read a candidate.
                        foreach (var v in p.Values) Written(pending, tangents, "", v.Value);
                        break;
                    case Tangent t when ScalarTangent(t.Node, t.Value, nodes, names):
                        // A tangent writes its own local from values and tangents: it may read (and take in) a pending tangent.
                        var tangentReads = new HashSet<string>();
                        for (int k = 0; k < t.Value.Refs.Length; k++)
                        {
                            int r = t.Value.Refs[k];
                            if (tangents.TryGetValue(r, out var inner))
                            {
                                tangents.Remove(r);
                                chosenTangents.Add(r);
                                tangentReads.UnionWith(inner);
                            }
                            else
                            {
                                Words(names[r], tangentReads);
                            }
                        }
                        foreach (var piece in t.Value.Text) Words(piece, tangentReads);
                        Written(pending, tangents, names[t.Node], t.Value.Render(r => names[r]));
                        if (TangentCandidate(t, nodes, names) && counts.TryGetValue(names[t.Node], out int times) && times == 2)
                        {
                            tangents[t.Node] = tangentReads;
                        }
                        break;
                    case DeclareTangent d when ScalarTangent(d.Node, AdjointText.Plain(""), nodes, names):
                        Written(pending, tangents, names[d.Node], "");
                        break;
                    case Comment:
                        break;
                    case Blank:
                        // Between the sweeps (or before a tangent program's result): values stay in the forward sweep.
                        pending.Clear();
                        break;
                    default:
                        // Anything else (a branch, a loop, an effect, a store, the reverse sweep) ends the block's candidates.
                        pending.Clear();
                        tangents.Clear();
                        foreach (var inner in Inner(step)) Block(inner);
                        break;
                }
            }
        }

        /// <summary>
        /// Steps a pending counter step (<see cref="Counter"/>) may be moved past: they cannot throw (copies, pure double
        /// gates and tangents, pushes into reserved or checked room), so an overflow in a <c>checked</c> build is still the
        /// first exception.
        /// </summary>
        internal static bool KeepsCounters(Step step, EquatableArray<Node> nodes, EquatableArray<string> names) => step switch
        {
            SetLocal or NewLocal or DeclareTangent or Comment or TapePush or Increment => true,
            Compute c => nodes[c.Node].Call is null && nodes[c.Node].TypeName == "double" && Inlinable.Contains(nodes[c.Node].Gate)
                && nodes[c.Node].Inputs.All(i => !nodes[i].IsInline || Literal(nodes[i])),
            Tangent t => ScalarTangent(t.Node, t.Value, nodes, names) && PureText(t.Value.Render(r => names[r])),
            _ => false,
        };

        private void DropCounters(Dictionary<int, HashSet<string>> pending)
        {
            if (pending.Count == 0) return;
            foreach (var id in pending.Keys.Where(id => nodes[id].TypeName == "int" && Counter(nodes[id], nodes)).ToList()) pending.Remove(id);
        }

        /// <summary>A copy (a phi's, or a loop's entry) of a pending value or tangent takes it in: <c>acc_1 = prod + c3;</c>.</summary>
        private void Copied(Dictionary<int, HashSet<string>> pending, Dictionary<int, HashSet<string>> tangents, string value)
        {
            foreach (int copied in pending.Keys.Where(id => nodes[id].Name == value).ToList())
            {
                pending.Remove(copied);
                chosen.Add(copied);
            }
            foreach (int copied in tangents.Keys.Where(r => names[r] == value).ToList())
            {
                tangents.Remove(copied);
                chosenTangents.Add(copied);
            }
        }

        /// <summary>Drops the candidates that read <paramref name="written"/> or that <paramref name="reader"/> names.</summary>
        private void Written(Dictionary<int, HashSet<string>> pending, Dictionary<int, HashSet<string>> tangents, string written, string reader)
        {
            Drop(pending, written, reader, id => nodes[id].Name);
            Drop(tangents, written, reader, r => names[r]);
        }

        private static void Drop(Dictionary<int, HashSet<string>> candidates, string written, string reader, System.Func<int, string> name)
        {
            if (candidates.Count == 0) return;
            foreach (var id in candidates.Keys.ToList())
            {
                if (candidates[id].Contains(written) || Names(reader, name(id))) candidates.Remove(id);
            }
        }
    }

    /// <summary>
    /// A tangent step that only computes a <c>double</c> or <c>float</c> into its own local (a tangent program names each
    /// node's tangent by its number, <see cref="Tangent"/>): moving a candidate past it changes nothing.
    /// </summary>
    private static bool ScalarTangent(int reference, AdjointText value, EquatableArray<Node> nodes, EquatableArray<string> names) =>
        reference >= 0 && reference < names.Length && value.Refs.All(r => r >= 0 && r < names.Length)
        && nodes[reference % nodes.Length].TypeName is "double" or "float";

    /// <summary>A name or a number: reading it neither throws nor writes.</summary>
    private static bool Plain(string text) => text.Length > 0 && text.All(ch => char.IsLetterOrDigit(ch) || ch is '_' or '.');

    private static IEnumerable<EquatableArray<Step>> Inner(Step step)
    {
        switch (step)
        {
            case Branch b:
                yield return b.Then;
                if (b.Else is { } otherwise) yield return otherwise;
                break;
            case ForwardLoop f:
                yield return f.Body;
                break;
        }
    }

    /// <summary>
    /// The identifiers of C# text: words of letters, digits and '_' that do
    /// not start with a digit. Calls <paramref name="word"/> with each one's start and length.
    /// </summary>
    private static void Scan(string text, System.Action<int, int> word)
    {
        int i = 0;
        while (i < text.Length)
        {
            char ch = text[i];
            if (char.IsLetterOrDigit(ch) || ch == '_')
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
                if (!char.IsDigit(text[start])) word(start, i - start);
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>Adds to each name of <paramref name="counts"/> how often <paramref name="text"/> names it.</summary>
    private static void Count(string text, Dictionary<string, int> counts)
    {
        // By length, then by text in place: no string per word.
        var byLength = new Dictionary<int, List<string>>();
        foreach (var name in counts.Keys)
        {
            if (!byLength.TryGetValue(name.Length, out var list)) byLength[name.Length] = list = new List<string>();
            list.Add(name);
        }
        var found = new Dictionary<string, int>(System.StringComparer.Ordinal);
        Scan(text, (start, length) =>
        {
            if (!byLength.TryGetValue(length, out var names)) return;
            foreach (var name in names)
            {
                if (name[0] == text[start] && string.CompareOrdinal(text, start, name, 0, length) == 0)
                {
                    found[name] = found.TryGetValue(name, out int n) ? n + 1 : 1;
                    return;
                }
            }
        });
        foreach (var name in counts.Keys.ToList()) counts[name] = found.TryGetValue(name, out int n) ? n : 0;
    }

    /// <summary>Adds the identifiers of <paramref name="text"/> to <paramref name="into"/>.</summary>
    private static void Words(string text, HashSet<string> into) => Scan(text, (start, length) => into.Add(text.Substring(start, length)));

    /// <summary>Whether <paramref name="text"/> names the identifier <paramref name="name"/>.</summary>
    private static bool Names(string text, string name)
    {
        if (text.IndexOf(name, System.StringComparison.Ordinal) < 0) return false;
        bool named = false;
        Scan(text, (start, length) => named |= length == name.Length && string.CompareOrdinal(text, start, name, 0, length) == 0);
        return named;
    }
}
