using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// An adjoint declared once (<c>double dT3 = y * dResult;</c>) and read once, by a later step of its block, is that
/// step's operand: its declaration goes and its value is written in its place, in parentheses
/// (<c>double dSum = (1.0 - t3 * t3) * (y * dResult);</c>). The same operations on the same values, so every gradient
/// stays bit for bit; the method has one local and one statement fewer for the compiler to bind, flow-analyse and
/// emit. Only <c>double</c> adjoints (a <c>float</c> local may round where an operand need not), only when what comes
/// between is contributions that leave the value's inputs alone (see <see cref="Reader"/>), and only when no other
/// name or plain text names the adjoint.
/// </summary>
internal static class SingleUseAdjoints
{
    public static AdjointProgram Run(AdjointProgram program, ComputationGraph graph)
    {
        var nodes = graph.Nodes;
        var flat = StepTree.Flatten(program.Body);
        var reads = new int[nodes.Length];
        var writes = new int[nodes.Length];
        var raw = new List<string>();
        foreach (var step in flat)
        {
            foreach (var text in Texts(step)) foreach (int r in text.Refs) if (r >= 0 && r < reads.Length) reads[r]++;
            foreach (int w in StepTree.Writes(step)) if (w >= 0 && w < writes.Length) writes[w]++;
            raw.AddRange(RawTexts(step));
        }
        var names = new Dictionary<string, int>();
        foreach (var name in program.Adjoints) names[name] = names.TryGetValue(name, out int n) ? n + 1 : 1;
        string allRaw = string.Join("\n", raw);

        bool Inlinable(Contribute c) =>
            c.How == Accumulation.Declare && c.Index is null && !c.Value.Refs.IsEmpty
            && c.Target < nodes.Length && nodes[c.Target].Type == ScalarType.Double && nodes[c.Target].TypeName == "double"
            && nodes[c.Target].Gate != GateKind.Parameter
            && reads[c.Target] == 1 && writes[c.Target] == 1
            && program.Adjoints[c.Target] is { } name && name != "dResult" && names[name] == 1
            // A name some step writes as plain text (a condition, a tape push) is read there too.
            && !NamedIn(allRaw, name);

        var inlined = new Dictionary<int, AdjointText>();
        var body = StepTree.Rewrite(program.Body, block =>
        {
            var kept = new List<Step>(block.Count);
            for (int i = 0; i < block.Count; i++)
            {
                var step = block[i];
                if (step is Contribute c && Inlinable(c))
                {
                    int next = Reader(block, i, c, nodes);
                    if (next > 0)
                    {
                        var value = c.Negative ? Negated(c.Value) : c.Value;
                        inlined[c.Target] = value;
                        block[next] = Substitute(block[next], c.Target, value);
                        // A copy handed back (`double dB = dA; … dA = dB;`) would become `dA = dA;`: a no-op, and
                        // warning CS1717 in the user's build. The value is unchanged in between (see Reader), so it goes.
                        if (block[next] is Contribute { How: Accumulation.Assign, Index: null, Negative: false } back
                            && back.Value.IsAdjoint(out int from) && program.Adjoints[from] == program.Adjoints[back.Target])
                        {
                            block[next] = new Comment(program.Adjoints[back.Target] + " keeps its value");
                        }
                        continue;
                    }
                }
                kept.Add(step);
            }
            return kept;
        });
        if (inlined.Count == 0) return program;
        // Comments (written with Graph = true) that named an inlined adjoint name its value instead.
        body = StepTree.Rewrite(body, block => block.Select(s => s is Comment k && k.Text.Refs.Any(inlined.ContainsKey)
            ? k with { Text = inlined.Aggregate(k.Text, (t, e) => Splice(t, e.Key, AdjointText.Concat(AdjointText.Plain("("), e.Value, AdjointText.Plain(")")))) }
            : s).ToList());
        return program with { Body = body };
    }

    /// <summary>
    /// Whether <paramref name="text"/> holds <paramref name="name"/> as a whole word: not after a word character or
    /// '@', nor before a word character (the regex <c>(?&lt;![\w@])name(?!\w)</c>, without building one per name).
    /// </summary>
    internal static bool NamedIn(string text, string name)
    {
        for (int at = text.IndexOf(name, System.StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, System.StringComparison.Ordinal))
        {
            int after = at + name.Length;
            if ((at == 0 || !IsWordChar(text[at - 1]) && text[at - 1] != '@') && (after == text.Length || !IsWordChar(text[after]))) return true;
        }
        return false;
    }

    /// <summary>Regex's \w: letters, nonspacing marks, decimal digits, connector punctuation (EmitterShortcutTests compares every character).</summary>
    private static bool IsWordChar(char ch)
    {
        if (ch < 128) return ch is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';
        switch (char.GetUnicodeCategory(ch))
        {
            case System.Globalization.UnicodeCategory.UppercaseLetter:
            case System.Globalization.UnicodeCategory.LowercaseLetter:
            case System.Globalization.UnicodeCategory.TitlecaseLetter:
            case System.Globalization.UnicodeCategory.ModifierLetter:
            case System.Globalization.UnicodeCategory.OtherLetter:
            case System.Globalization.UnicodeCategory.NonSpacingMark:
            case System.Globalization.UnicodeCategory.DecimalDigitNumber:
            case System.Globalization.UnicodeCategory.ConnectorPunctuation:
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The index of the step that reads the declared adjoint, when only steps that leave its value's inputs alone
    /// come between (other contributions of the same gate, say: <c>double dSin = y * dP; dYSum = sin * dP;</c>); else -1.
    /// Moving the value there then computes the same number. Not past a step that writes an adjoint the value reads,
    /// nor past anything but a contribution (a call, a pop, a block), nor at all when the value reads a parameter's
    /// adjoint (two ref parameters may be one variable).
    /// </summary>
    private static int Reader(List<Step> block, int at, Contribute declaration, EquatableArray<Node> nodes)
    {
        var inputs = new HashSet<int>(declaration.Value.Refs);
        bool strict = inputs.Any(r => r < 0 || r >= nodes.Length || nodes[r].Gate == GateKind.Parameter);
        for (int k = at + 1; k < block.Count && k <= at + 16; k++)
        {
            var step = block[k];
            if (step is Comment or Blank) continue;
            if (Reads(step, declaration.Target)) return k;
            if (strict) return -1;
            int written = step switch
            {
                Contribute c => c.Target,
                AddToParameter a => a.Node,
                _ => -2,
            };
            if (written == -2 || inputs.Contains(written) || written == declaration.Target) return -1;
        }
        return -1;
    }

    /// <summary>The step reads the adjoint through one of the texts this pass can rewrite.</summary>
    private static bool Reads(Step step, int node) => step switch
    {
        Contribute c => c.Value.Refs.Contains(node),
        NewAdjointLocal l => l.Value.Refs.Contains(node),
        AddToParameter a => a.Value.Refs.Contains(node),
        _ => false,
    };

    private static Step Substitute(Step step, int node, AdjointText value) => step switch
    {
        Contribute c => c with { Value = Inline(c.Value, node, value) },
        NewAdjointLocal l => l with { Value = Inline(l.Value, node, value) },
        AddToParameter a => a with { Value = Inline(a.Value, node, value) },
        _ => step,
    };

    /// <summary>The text with its reference to <paramref name="node"/> replaced by the value: bare when it is the whole text, else parenthesized.</summary>
    private static AdjointText Inline(AdjointText text, int node, AdjointText value) =>
        text.IsAdjoint(out int whole) && whole == node
            ? value
            : Splice(text, node, AdjointText.Concat(AdjointText.Plain("("), value, AdjointText.Plain(")")));

    private static AdjointText Splice(AdjointText text, int node, AdjointText value)
    {
        var parts = new List<AdjointText> { AdjointText.Plain(text.Text[0]) };
        for (int i = 0; i < text.Refs.Length; i++)
        {
            parts.Add(text.Refs[i] == node ? value : AdjointText.Of(text.Refs[i]));
            parts.Add(AdjointText.Plain(text.Text[i + 1]));
        }
        return AdjointText.Concat(parts.ToArray());
    }

    internal static AdjointText Negated(AdjointText value) =>
        value.IsAdjoint(out _)
            ? AdjointText.Concat(AdjointText.Plain("-"), value)
            : AdjointText.Concat(AdjointText.Plain("-("), value, AdjointText.Plain(")"));

    /// <summary>The texts of a step that name adjoints by reference (comments aside).</summary>
    internal static IEnumerable<AdjointText> Texts(Step step) => step switch
    {
        Contribute c => new[] { c.Value },
        NewAdjointLocal l => new[] { l.Value },
        Invoke i => new[] { i.Call },
        AddToParameter a => new[] { a.Value },
        AddToLocal l => new[] { l.Value },
        Tangent t => new[] { t.Value },
        TangentStore s => new[] { s.Value },
        ForwardCall f => new[] { f.Call },
        _ => System.Array.Empty<AdjointText>(),
    };

    /// <summary>The plain C# a step holds, where an adjoint could be named without a reference.</summary>
    internal static IEnumerable<string> RawTexts(Step step) => step switch
    {
        Contribute c => c.Index is { } index ? new[] { index } : System.Array.Empty<string>(),
        SetLocal s => new[] { s.Name, s.Value },
        NewLocal l => new[] { l.Name, l.Value },
        SaveArray a => new[] { a.Stack, a.Value },
        Increment i => new[] { i.Name },
        AddToLocal l => new[] { l.Name },
        Branch b => new[] { b.Condition },
        BreakUnless u => new[] { u.Condition },
        GuardedRead g => new[] { g.Guard },
        TapePush p => p.Values.Select(v => v.Value),
        Reserve r => r.Needs.Select(n => n.Count),
        NewAdjointArray a => new[] { a.Length },
        ReverseLoop r => new[] { r.Countdown, r.TripLocal ?? "", r.Walk?.Counter ?? "", r.Walk?.Entry ?? "" },
        Segments g => new[] { g.End, g.Start },
        Return r => new[] { r.Value },
        SecondOrder s => new[] { s.Statement },
        ForwardLoop { Trips: { } trips } => new[] { trips.Count },
        _ => System.Array.Empty<string>(),
    };
}
