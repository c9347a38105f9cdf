using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// Writes an <see cref="AdjointProgram"/> as C#: one line per step, blocks for branches and loops. The only
/// writer of sweeps: <c>MBackward</c> and <c>MTrace</c> are programs of the same IR.
/// </summary>
internal sealed class ProgramWriter
{
    /// <summary>The label the forward sweep jumps to when a tape is full (programs that restart on growth).</summary>
    public const string GrowLabel = "growTapes";

    /// <summary>The label where the forward sweep starts (programs that restart on growth).</summary>
    public const string ForwardLabel = "forwardSweep";

    private IndentedWriter _w;
    private readonly EquatableArray<Node> _nodes;
    private readonly AdjointProgram _program;
    private readonly string _workspace;
    private readonly bool _nullableSyntax;
    private readonly bool _comments;
    private readonly HashSet<int>? _inline;
    /// <summary>Tangents (by reference) written into their one reader instead of a local (ForwardInlining, tangent programs).</summary>
    private readonly HashSet<int> _inlineTangents = new();
    /// <summary>The text of each inlined tangent written so far, without parentheses.</summary>
    private readonly Dictionary<int, string> _inlinedTangent = new();
    /// <summary>The text of each inlined value written so far (ForwardInlining), without parentheses.</summary>
    private readonly Dictionary<int, string> _inlined = new();
    /// <summary>The gate whose text each inlined value is (a copy's: that of what it copies), for its parentheses.</summary>
    private readonly Dictionary<int, GateKind> _inlinedGate = new();
    /// <summary>The same by the value's name, for the phi copy that reads it.</summary>
    private readonly Dictionary<string, string> _inlinedByName = new(System.StringComparer.Ordinal);
    /// <summary>When not null, where each forward line that inlining may change was written (see <see cref="Recorded.Inlined"/>).</summary>
    private readonly List<ForwardLine>? _record;

    /// <summary>A forward step's line in the text: a gate's value or a phi copy, which forward inlining may drop or rewrite.</summary>
    internal readonly struct ForwardLine(Step step, int start, int end, int depth)
    {
        public readonly Step Step = step;
        public readonly int Start = start;
        public readonly int End = end;
        public readonly int Depth = depth;
    }

    /// <summary>A program written once without forward inlining, which <see cref="Inlined"/> rewrites for a choice of values to inline.</summary>
    internal sealed class Recorded
    {
        private readonly ProgramWriter _writer;
        private readonly List<ForwardLine> _lines;

        internal Recorded(ProgramWriter writer, List<ForwardLine> lines)
        {
            _writer = writer;
            _lines = lines;
        }

        /// <summary>
        /// <paramref name="text"/> (the writer's text, the program at its recorded offsets) as <see cref="Write"/> would
        /// write it with <paramref name="inline"/> (and the tangents <paramref name="tangents"/>): only the lines of the
        /// chosen values and tangents and of their readers differ, so only those are written again; every other line is copied.
        /// </summary>
        public string Inlined(string text, HashSet<int> inline, HashSet<int> tangents) => _writer.Patch(text, _lines, inline, tangents);
    }

    private ProgramWriter(IndentedWriter w, ComputationGraph graph, AdjointProgram program, bool nullableSyntax, bool comments, HashSet<int>? inline,
        List<ForwardLine>? record = null)
    {
        _inline = inline;
        _record = record;
        _w = w;
        _nodes = graph.Nodes;
        _program = program;
        _workspace = graph.Workspace;
        _nullableSyntax = nullableSyntax;
        _comments = comments;
    }

    /// <summary>
    /// Writes the program's steps at the writer's depth. <paramref name="comments"/>: write its <see cref="Comment"/>
    /// steps (the rule of each gate); without them the text is ~20 % shorter, which is what a build parses.
    /// </summary>
    /// <paramref name="inline"/>: forward values written into their one reader instead of a local (<see cref="ForwardInlining"/>);
    /// <paramref name="tangents"/>: the same for tangents, by reference (tangent programs).
    public static void Write(IndentedWriter w, ComputationGraph graph, AdjointProgram program, bool nullableSyntax, bool comments = true,
        HashSet<int>? inline = null, HashSet<int>? tangents = null)
    {
        var writer = new ProgramWriter(w, graph, program, nullableSyntax, comments, inline);
        if (tangents is not null) writer._inlineTangents.UnionWith(tangents);
        writer.Steps(program.Body);
    }

    /// <summary>
    /// Writes the program without forward inlining, as <see cref="Write"/>, and returns where its forward lines are, so
    /// that <see cref="Recorded.Inlined"/> can write the inlined form without writing the program twice.
    /// </summary>
    public static Recorded WriteRecorded(IndentedWriter w, ComputationGraph graph, AdjointProgram program, bool nullableSyntax, bool comments)
    {
        var lines = new List<ForwardLine>();
        new ProgramWriter(w, graph, program, nullableSyntax, comments, null, lines).Steps(program.Body);
        return new Recorded(new ProgramWriter(w, graph, program, nullableSyntax, comments, new HashSet<int>()), lines);
    }

    /// <summary>The text with the recorded lines that <paramref name="inline"/> changes written again, in program order.</summary>
    private string Patch(string text, List<ForwardLine> lines, HashSet<int> inline, HashSet<int> tangents)
    {
        _inline!.UnionWith(inline);
        _inlineTangents.UnionWith(tangents);
        var result = new System.Text.StringBuilder(text.Length);
        int copied = 0;
        foreach (var line in lines)
        {
            if (!Changes(line.Step)) continue;
            result.Append(text, copied, line.Start - copied);
            _w = new IndentedWriter(line.Depth);
            One(line.Step);
            result.Append(_w.ToString());
            copied = line.End;
        }
        result.Append(text, copied, text.Length - copied);
        return result.ToString();
    }

    /// <summary>Whether inlining writes this forward step otherwise: an inlined value, a reader of one, a phi copy of one.</summary>
    private bool Changes(Step step) => step switch
    {
        Compute c => _inline!.Contains(c.Node) || _nodes[c.Node].Inputs.Any(_inlined.ContainsKey),
        SetLocal s => _inlinedByName.ContainsKey(s.Value),
        NewLocal l => _inlinedByName.ContainsKey(l.Value),
        Tangent t => _inlineTangents.Contains(t.Node) || t.Value.Refs.Any(_inlinedTangent.ContainsKey),
        _ => false,
    };

    /// <summary>True when fewer than count entries are free.</summary>
    public static string Room(TapeName tape, int count) => tape.Name + ".Length - " + tape.Top + " < " + count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Adjoint(int node) => _program.Adjoints[node];

    /// <summary>
    /// The node a name refers to: itself, or in a Hessian–vector program (3N names: adjoints, tangents, adjoints'
    /// tangents; see HessianVectorSteps) the node whose tangent it is.
    /// </summary>
    private Node NodeOf(int reference) => _nodes[reference % _nodes.Length];

    private string Text(AdjointText text) => text.Render(Adjoint);

    /// <summary>A confined local array's storage (or its adjoint's, tangent's or adjoint's tangent's) lent by the workspace, zeroed: <c>tapes.Local&lt;T&gt;(n)</c> (<see cref="ReusedArrays"/>).</summary>
    private string Lent(Node array, string length) => _workspace + ".Local<" + ElementIndex.ElementTypeName(array.TypeName) + ">(" + length + ")";

    private string Operand(Node node, int i)
    {
        int input = node.Inputs[i];
        if (!_inlined.TryGetValue(input, out var text)) return Operands.Of(_nodes, node, i);
        return ForwardInlining.Parenthesized(_inlinedGate[input], node.Gate, i) ? "(" + text + ")" : text;
    }

    private void Steps(EquatableArray<Step> steps)
    {
        for (int i = 0; i < steps.Length; i++)
        {
            if (steps[i] is DeclareLocal or DeclareTangent && i + 1 < steps.Length && steps[i + 1] is DeclareLocal or DeclareTangent)
            {
                int end = i;
                while (end < steps.Length && steps[end] is DeclareLocal or DeclareTangent) end++;
                ZeroDeclarations(steps, i, end);
                i = end - 1;
                continue;
            }
            Step(steps[i]);
        }
    }

    /// <summary>
    /// A run of locals declared at zero (the values a branch or loop assigns, declared before it, and in the tangent
    /// modes their tangents), written as one declaration per type, in the order each type first appears:
    /// <c>double a = 0.0, tA = 0.0, b = 0.0;</c>. Nothing runs between them and each initializer is a constant, so the
    /// order does not matter; one statement per local was 4,401 of the compile-cost corpus's 51,219 statements, and
    /// half the statements before the first branch of an <c>MHessianVector</c>.
    /// </summary>
    private void ZeroDeclarations(EquatableArray<Step> steps, int start, int end)
    {
        var byType = new List<(string Type, System.Text.StringBuilder Text)>();
        for (int i = start; i < end; i++)
        {
            var node = steps[i] is DeclareTangent d ? NodeOf(d.Node) with { Name = Adjoint(d.Node) } : _nodes[((DeclareLocal)steps[i]).Node];
            string declarator = Declarations.AtZero(node, _nullableSyntax);
            int at = byType.FindIndex(t => t.Type == node.TypeName);
            if (at < 0) byType.Add((node.TypeName, new System.Text.StringBuilder(node.TypeName).Append(' ').Append(declarator)));
            else byType[at].Text.Append(", ").Append(declarator);
        }
        foreach (var (_, text) in byType) _w.Line(text.Append(';').ToString());
    }

    private void Step(Step step)
    {
        // A value or phi copy that forward inlining may drop or rewrite (ForwardInlining.Block's candidates and readers).
        if (_record is not null && (step is SetLocal or NewLocal or Tangent || step is Compute c && _nodes[c.Node].Call is null))
        {
            int start = _w.Length;
            int depth = _w.Depth;
            One(step);
            _record.Add(new ForwardLine(step, start, _w.Length, depth));
            return;
        }
        One(step);
    }

    private void One(Step step)
    {
        switch (step)
        {
            case Comment c:
                if (_comments) _w.Line("// " + Text(c.Text));
                break;
            case Blank:
                _w.Line();
                break;
            case Compute c when _nodes[c.Node].Call is { HasOutputs: true } withOutputs:
                foreach (var line in CallEmitter.WithOutputs(_nodes[c.Node], withOutputs, c.Declare, i => Operand(_nodes[c.Node], i), i => _nodes[_nodes[c.Node].Inputs[i]].TypeName)) _w.Line(line);
                break;
            case Compute c:
                var node = _nodes[c.Node];
                string value = node.Call is { } call ? CallEmitter.Forward(node, call, i => Operand(node, i))
                    : _program.Reused.Contains(c.Node) ? Lent(node, Operand(node, 0))
                    : LocalGradients.Forward(node, i => Operand(node, i));
                if (_inline is not null && _inline.Contains(c.Node))
                {
                    _inlined[c.Node] = value;
                    _inlinedGate[c.Node] = node.Gate == GateKind.Copy && _inlinedGate.TryGetValue(node.Inputs[0], out var copied) ? copied : node.Gate;
                    _inlinedByName[node.Name] = value;
                    break;
                }
                _w.Line((c.Declare ? Declarations.Declared(node) + " " : "") + node.Name + " = " + value + ";");
                break;
            case GuardedRead g:
                var read = _nodes[g.Node];
                _w.Line(Declarations.Declared(read) + " " + read.Name + " = " + g.Guard + " ? " + LocalGradients.Forward(read, i => Operand(read, i)) + " : "
                    + ScalarLiterals.Zero(read.Type) + ";");
                break;
            case DeclareLocal d:
                _w.Line(Declarations.DeclaredAtZero(_nodes[d.Node], _nullableSyntax));
                break;
            case SetLocal s:
                {
                    // A loop's carried value handed back unchanged through a copy that was inlined (`var t = b; … b = t;`)
                    // would read `b_1 = b_1;`: a no-op, and warning CS1717 in the user's build.
                    string handed = _inlinedByName.TryGetValue(s.Value, out var phi) ? phi : s.Value;
                    if (handed != s.Name) _w.Line(s.Name + " = " + handed + ";");
                    break;
                }
            case NewLocal l:
                _w.Line(l.Type + " " + l.Name + " = " + (_inlinedByName.TryGetValue(l.Value, out var entry) ? entry : l.Value) + ";");
                break;
            case SaveArray a:
                _w.Line(a.Stack + "." + a.Method + "(" + a.Value + ");");
                break;
            case NewArrayTape t:
                _w.Line("global::AutoDiffGen.Internals.ArrayTape<" + t.Element + "> " + t.Name + " = " + _workspace + ".Arrays<" + t.Element + ">(" + t.Site + ");");
                break;
            case Increment i:
                _w.Line(i.Name + "++;");
                break;
            case Effect e:
                _w.Line(_nodes[e.Node].Text + ";");
                break;
            case StoreElement s:
                var store = _nodes[s.Node];
                _w.Line(ListTypes.StoreLine(store, store.Name, ElementIndex.StoreText(store, i => Operand(store, i)), Operand(store, ElementIndex.StoredValue(store))));
                break;
            case CopyElements e:
                var copy = _nodes[e.Node];
                _w.Line(CopyIntoForms.Forward(copy, i => Operand(copy, i)) + ";");
                break;
            case Branch b:
                using (_w.WriteBlock("if (" + b.Condition + ")")) Steps(b.Then);
                if (b.Else is { } otherwise)
                {
                    using (_w.WriteBlock("else")) Steps(otherwise);
                }
                break;
            case ForwardLoop f:
                using (_w.WriteBlock("while (true)")) Steps(f.Body);
                break;
            case BreakUnless u:
                _w.Line("if (!" + u.Condition + ") break;");
                break;
            case TapePush p:
                Push(p);
                break;
            case Reserve r:
                foreach (var need in r.Needs)
                {
                    var tape = need.Tape;
                    if (r.Restart) _w.Line("if (" + tape.Name + ".Length < (" + tape.Want + " = global::AutoDiffGen.Internals.TapeWorkspace.Want(" + tape.Top + ", " + need.Count + "))) goto " + GrowLabel + ";");
                    else _w.Line(tape.Name + " = " + _workspace + ".Reserve(" + tape.Name + ", " + tape.Top + ", " + need.Count + ");");
                }
                break;
            case Contribute c:
                Contribution(c);
                break;
            case DeclareAdjoint d:
                _w.Line(Declarations.Declared(NodeOf(d.Node)) + " " + Adjoint(d.Node) + ";");
                break;
            case NewAdjointArray a:
                var array = _nodes[a.Node];
                // A local jagged array's adjoint has the shape the array has when the forward sweep ends (each row as long as its row).
                if (ElementIndex.IsJagged(array.TypeName)) _w.Line("var " + array.AdjointName + " = global::AutoDiffGen.Internals.GridScratch.Like(" + array.Name + ");");
                else if (_program.Reused.Contains(a.Node)) _w.Line("var " + array.AdjointName + " = " + Lent(array, a.Length) + ";");
                else _w.Line("var " + array.AdjointName + " = new " + ElementIndex.ElementTypeName(array.TypeName) + "[" + a.Length + "];");
                break;
            case ReverseLoop r:
                using (_w.WriteBlock(ReverseLoopHeader(r))) Steps(r.Body);
                break;
            case Segments g:
                using (_w.WriteBlock("for (int " + g.End + " = " + Pop(g.Ints) + ", " + g.Start + "; ; " + g.End + " = " + g.Start + ")"))
                {
                    _w.Line(g.Start + " = " + Pop(g.Ints) + ";");
                    Steps(g.Body);
                    _w.Line("if (" + g.Start + " == 0) break;");
                }
                break;
            case TapePop p:
                var popped = _nodes[p.Node];
                _w.Line((p.Declare ? Declarations.Declared(popped) + " " : "") + popped.Name + " = " + Pop(p.Tape) + ";");
                break;
            case NewAdjointLocal l:
                _w.Line(l.Type + " " + l.Name + " = " + Text(l.Value) + ";");
                break;
            case Invoke i:
                _w.Line(Text(i.Call) + ";");
                break;
            case AddToParameter a:
                _w.Line(_nodes[a.Node].AdjointName + (a.Negative ? " -= " : " += ") + Text(a.Value) + ";");
                break;
            case AddToLocal l:
                _w.Line(l.Name + (l.Negative ? " -= " : " += ") + Text(l.Value) + ";");
                break;
            case Return r:
                _w.Line("return " + r.Value + ";");
                break;
            default:
                TangentStep(step);
                break;
        }
    }

    /// <summary>Forward mode's steps: in a tangent program, <see cref="Adjoint"/> names tangents.</summary>
    private void TangentStep(Step step)
    {
        switch (step)
        {
            case Tangent t:
                var node = NodeOf(t.Node);
                // A lent array's tangent array is lent too (ReusedArrays): its creation is the tangent of the array's NewArray gate.
                string tangent = node.Gate == GateKind.NewArray && t.Value.Refs.IsEmpty && _program.Reused.Contains(node.Id) ? Lent(node, Operand(node, 0)) : TangentText(t.Value);
                if (_inlineTangents.Contains(t.Node))
                {
                    _inlinedTangent[t.Node] = tangent;
                    _inlinedByName[Adjoint(t.Node)] = tangent;
                    break;
                }
                // A phi's tangent handed back unchanged through an inlined copy would read `tB_1 = tB_1;` (CS1717).
                if (t.Declare || tangent != Adjoint(t.Node)) _w.Line((t.Declare ? Declarations.Declared(node) + " " : "") + Adjoint(t.Node) + " = " + tangent + ";");
                break;
            case DeclareTangent d:
                _w.Line(Declarations.DeclaredAtZero(NodeOf(d.Node) with { Name = Adjoint(d.Node) }, _nullableSyntax));
                break;
            case TangentStore s:
                var stored = NodeOf(s.Node);
                _w.Line(ListTypes.StoreLine(stored, Adjoint(s.Node), ElementIndex.StoreText(stored, i => Operand(stored, i)), Text(s.Value)));
                break;
            case ForwardCall f:
                var call = _nodes[f.Node];
                if (call.TypeName == "void") _w.Line(Text(f.Call) + ";");
                else _w.Line((f.Declare ? Declarations.Declared(call) + " " : "") + call.Name + " = " + Text(f.Call) + ";");
                break;
            case SecondOrder s:
                _w.Line(s.Statement + ";");
                break;
            case CurvatureCall c:
                _w.Line(Text(c.Call) + ";");
                break;
            case NewAdjointTangentArray a:
                var adjointOf = NodeOf(a.Reference);
                // A jagged local's (hess20): the shape the array has when the forward sweep ends, as its adjoint's.
                if (ElementIndex.IsJagged(adjointOf.TypeName)) _w.Line("var " + Adjoint(a.Reference) + " = global::AutoDiffGen.Internals.GridScratch.Like(" + adjointOf.Name + ");");
                else _w.Line("var " + Adjoint(a.Reference) + " = " + (_program.Reused.Contains(adjointOf.Id) ? Lent(adjointOf, a.Length) : "new " + ElementIndex.ElementTypeName(adjointOf.TypeName) + "[" + a.Length + "]") + ";");
                break;
            case TangentPop p:
                _w.Line((p.Declare ? Declarations.Declared(NodeOf(p.Reference)) + " " : "") + Adjoint(p.Reference) + " = " + Pop(p.Tape) + ";");
                break;
        }
    }

    /// <summary>
    /// A tangent's text with the inlined tangents it reads written in: whole where the text is a copy of one or the
    /// inlined text is a name or a literal, else in parentheses (the same operations, grouped as their locals grouped them).
    /// </summary>
    private string TangentText(AdjointText value)
    {
        if (_inlinedTangent.Count == 0 || !value.Refs.Any(_inlinedTangent.ContainsKey)) return Text(value);
        bool copy = value.IsAdjoint(out _);
        return value.Render(r => !_inlinedTangent.TryGetValue(r, out var text) ? Adjoint(r)
            : copy || text.All(ch => char.IsLetterOrDigit(ch) || ch is '_' or '.') ? text : "(" + text + ")");
    }

    private static string Pop(TapeName tape) => tape.Name + "[--" + tape.Top + "]";

    /// <summary>The countdown over the trip count, or the counter's own walk back to its entry (AffineCounters.Walk).</summary>
    private static string ReverseLoopHeader(ReverseLoop r)
    {
        string trips = r.TripLocal ?? Pop(r.TripTape!);
        if (r.Walk is not { } w) return "for (int " + r.Countdown + " = " + trips + "; " + r.Countdown + " > 0; " + r.Countdown + "--)";
        string c = w.Counter;
        return w.Down
            ? "for (" + c + " = unchecked(" + w.Entry + " - (" + trips + " - 1)); " + c + " <= " + w.Entry + "; " + c + "++)"
            : "for (" + c + " = unchecked(" + w.Entry + " + (" + trips + " - 1)); " + c + " >= " + w.Entry + "; " + c + "--)";
    }

    private void Push(TapePush push)
    {
        // Room reserved for the whole block (TapePush.Reserved): nothing to check.
        if (push.Reserved)
        {
            foreach (var v in push.Values) _w.Line(v.Tape.Name + "[" + v.Tape.Top + "++] = " + v.Value + ";");
            return;
        }
        if (push.Restart)
        {
            _w.Line("if (" + string.Join(" || ", push.Room.Select(r => Room(r.Tape, r.Count))) + ") goto " + GrowLabel + ";");
        }
        else
        {
            foreach (var r in push.Room) _w.Line("if (" + Room(r.Tape, r.Count) + ") " + r.Tape.Name + " = " + _workspace + ".Grow(" + r.Tape.Name + ", " + r.Tape.Top + ");");
        }
        foreach (var v in push.Values) _w.Line(v.Tape.Name + "[" + v.Tape.Top + "++] = " + v.Value + ";");
    }

    private void Contribution(Contribute c)
    {
        string target = Adjoint(c.Target) + (c.Index is null ? "" : "[" + c.Index + "]");
        string value = Text(c.Value);
        switch (c.How)
        {
            case Accumulation.Add when c.Index is null && NodeOf(c.Target).Type == ScalarType.Adjointable:
                // An adjoint object (a tensor) is added into where it is, never rebound: a parameter's is the caller's.
                _w.Line(target + ".AddInPlace(" + Negated(value, c.Negative) + ");");
                break;
            case Accumulation.Add:
                _w.Line(target + (c.Negative ? " -= " : " += ") + value + ";");
                break;
            case Accumulation.Assign:
                _w.Line(target + " = " + Negated(value, c.Negative) + ";");
                break;
            default:
                _w.Line(Declarations.Declared(NodeOf(c.Target)) + " " + target + " = " + Negated(value, c.Negative) + ";");
                break;
        }
    }

    private static string Negated(string expression, bool negative) =>
        !negative ? expression
        : Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(expression) ? "-" + expression : "-(" + expression + ")";
}
