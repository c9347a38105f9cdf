using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Forward mode: the same walk of the primal graph as the forward sweep (its branches, loops and phis), under
/// <see cref="SweepPolicy.Tangent"/>. After each computed value comes its tangent, built from the local gradients
/// the reverse sweep uses: t(y) = Σi ∂y/∂xi · t(xi), where the reverse rule's upstream adjoint is replaced by
/// t(xi) (every rule is linear in it), over the inputs that carry a tangent (the active ones). A phi's tangent is
/// set where its value is; a loop carries its tangents like its values, so nothing goes on a tape.
/// </summary>
internal sealed partial class Differentiator
{
    /// <summary>The body of <c>MForward</c> up to <c>tResult</c> and the return.</summary>
    /// <param name="graph">The primal graph.</param>
    /// <param name="activity">Which nodes are computed (useful) and which carry a tangent (active).</param>
    /// <param name="tangents">Per node id, the local that holds its tangent (a parameter's: its tangent parameter).</param>
    /// <param name="carriedInto">
    /// For a carried <c>MBackward</c> (<c>Emit/CarriedBackwardEmitter</c>), the adjoint the result's tangent times <c>dResult</c>
    /// is added into instead of setting <c>tResult</c>; null for <c>MForward</c>.
    /// </param>
    public static AdjointProgram Tangents(ComputationGraph graph, Activity activity, EquatableArray<string> tangents, string? carriedInto = null) =>
        // Confined local arrays and their tangents lent by the workspace, as MBackward's (ReusedArrays, the last of every mode's passes).
        ReusedArrays.Run(TangentWalk(graph, activity, tangents, carriedInto), graph);

    private static AdjointProgram TangentWalk(ComputationGraph graph, Activity activity, EquatableArray<string> tangents, string? carriedInto)
    {
        var d = new Differentiator(graph, activity, SweepPolicy.Tangent);
        for (int i = 0; i < tangents.Length; i++) d._adjoint[i] = tangents[i];
        // A carried MBackward's seed is 1 (CarriedBackwardEmitter declares no local for it then).
        int seed = carriedInto is null ? -1 : CarriedSeed(graph, carriedInto);
        if (seed >= 0 && FoldsSeed(tangents, seed)) d.FoldSeed(seed);
        // A written array parameter's versions share its tangent parameter (tOutput): declared already.
        foreach (var n in graph.Nodes)
        {
            if (n.Gate != GateKind.Parameter || tangents[n.Id].Length == 0) continue;
            if (n.Type == ScalarType.Array) d._arrayTangentsDeclared.Add(tangents[n.Id]);
            d._spanTangents.Add(tangents[n.Id]);
        }
        d.Emit(new Comment("forward sweep: each value, then its tangent"));
        d.DeclareStructArrayTangents();
        d.Forward(graph.Body);
        d.WriteOutputTangents();
        if (graph.Vector is { } vector) return d.TangentsVector(graph, vector);
        // A void method: its tangents are those of the arrays and spans it writes, stored as it stores them.
        if (graph.IsVoid) return d.Program();
        var result = graph.Nodes[graph.Result];
        d.Emit(Blank.Instance);
        if (carriedInto is null) d.Emit(new SetLocal("tResult", activity.IsActive(result.Id) ? tangents[result.Id] : ZeroTangent(result)));
        else if (activity.IsActive(result.Id)) d.Emit(new AddToLocal(carriedInto, AdjointText.Plain(d.CarriedProduct(seed, result.Id))));
        d.Emit(new Return(result.Name));
        return d.Program();
    }

    /// <summary>The zero tangent of a value: a tensor's is a zeroed tensor of its shape (<c>ZeroAdjoint()</c>).</summary>
    private static string ZeroTangent(Node node) => node.Type == ScalarType.Adjointable ? node.Name + ".ZeroAdjoint()" : ScalarLiterals.Zero(node.Type);

    /// <summary>
    /// <c>MForward</c> leaves each ref/out parameter as the method does and its tangent parameter (<c>ref double tX</c>,
    /// <c>out double tY</c>) with the tangent of that final value (docs/ref-out.md). A final value that is another
    /// parameter's incoming one is written first, before that parameter is.
    /// </summary>
    private void WriteOutputTangents()
    {
        var outputs = ScalarOutputs.OrderBy(o => _nodes[o.Node].Gate == GateKind.Parameter ? 0 : 1).ToList();
        if (outputs.Count == 0) return;
        Emit(Blank.Instance);
        foreach (var o in outputs)
        {
            var node = _nodes[o.Node];
            if (o.Seed.Length > 0) Emit(new Invoke(AdjointText.Concat(AdjointText.Plain("t" + o.Seed.Substring(1) + " = "), TangentOf(o.Node, node.Type)), EquatableArray<int>.Empty));
            if (o.Target != node.Name) Emit(new SetLocal(o.Target, node.Name));
        }
    }

    private void ComputeWithTangent(Node node)
    {
        bool active = HasTangent(node.Id);
        if (active && node.Call is { } call)
        {
            if (_policy == SweepPolicy.HessianVector && call.Curvature is { } curvature)
            {
                CurvatureForward(node, call, curvature);
                return;
            }
            if (call.HasOutputs) StartRefTangents(node, call);
            Emit(new ForwardCall(node.Id, ForwardCallText(node, call), !_hoisted[node.Id]));
            return;
        }
        Emit(new Compute(node.Id, !_hoisted[node.Id]));
        // A snapshot shares its array's tangent, which holds the values it was taken with until the call; except the copy
        // the product keeps for a call that writes the array (hess12), whose tangents are copied with it (the call writes the array's).
        if (active && _policy == SweepPolicy.HessianVector && CurvatureWrites.Snapshot(_graph, node))
        {
            Emit(new Tangent(T(node.Id), AdjointText.Concat(AdjointText.Plain("(" + node.TypeName + ")"), AdjointText.Of(T(node.Inputs[0])), AdjointText.Plain(".Clone()")), Declares(node, !_hoisted[node.Id])));
            return;
        }
        if (active && node.Gate is not (GateKind.CopyArray or GateKind.SpareArray)) Emit(new Tangent(T(node.Id), TangentValue(node), Declares(node, !_hoisted[node.Id])));
    }

    /// <summary>
    /// The reference to a node's tangent in the program's names: the node itself in a tangent program, N + id in a
    /// Hessian–vector program (whose first N names are adjoints).
    /// </summary>
    private int T(int id) => _tangentBase + id;

    private readonly int _tangentBase;

    /// <summary>
    /// Parameters' tangents: an array parameter's is a span (MForward takes a span per array), shared by its versions and
    /// copies, so a slice of one is taken with <c>Slice</c> where the array's own is <c>AsSpan</c>.
    /// </summary>
    private readonly HashSet<string> _spanTangents = new();

    /// <summary>Tangents of local arrays already declared: an array's versions (one local each) share one tangent.</summary>
    private readonly HashSet<string> _arrayTangentsDeclared = new();

    /// <summary>Whether a tangent set here is declared here: as asked, except for an array tangent declared already.</summary>
    private bool Declares(Node node, bool declare) =>
        declare && (node.Type != ScalarType.Array || _arrayTangentsDeclared.Add(_adjoint[T(node.Id)]));

    /// <summary>Declares the tangent of a value declared before the branch that sets it.</summary>
    private void HoistTangent(Node node)
    {
        if (HasTangent(node.Id) && Declares(node, declare: true)) Emit(new DeclareTangent(T(node.Id)));
    }

    /// <summary>The tangent of an input: its own when it carries one, else zero.</summary>
    private AdjointText TangentOf(int input, ScalarType type) =>
        input >= 0 && HasTangent(input) ? TangentRef(input) : AdjointText.Plain(type is ScalarType.Double or ScalarType.Float ? ScalarLiterals.Zero(type) : "0");

    private void PhiTangent(Node phi, int input, bool declare)
    {
        if (_policy == SweepPolicy.Hessian) PhiSecondOrder(phi, input);
        if (_policy is not (SweepPolicy.Tangent or SweepPolicy.HessianVector) && _carried is null || !HasTangent(phi.Id)) return;
        int source = phi.Inputs[input];
        // A local array's versions share one tangent array, as they share the array.
        if (HasTangent(source) && _adjoint[T(source)] == _adjoint[T(phi.Id)]) return;
        Emit(new Tangent(T(phi.Id), TangentOf(source, phi.Type), Declares(phi, declare)));
    }

    private HashSet<string>? _arrayTangents;

    /// <summary>
    /// The node carries a tangent: it is active, or it is a version of a local array some version of which is (the
    /// array is created before anything varied is stored in it, and all its versions share one tangent array).
    /// </summary>
    private bool HasTangent(int id)
    {
        if (TangentActive(id)) return true;
        if (_nodes[id].Type != ScalarType.Array) return false;
        if (_arrayTangents is null)
        {
            _arrayTangents = new HashSet<string>();
            foreach (var n in _nodes)
            {
                if (n.Type == ScalarType.Array && TangentActive(n.Id)) _arrayTangents.Add(_adjoint[T(n.Id)]);
            }
        }
        return _adjoint[T(id)].Length > 0 && _arrayTangents.Contains(_adjoint[T(id)]);
    }

    private void StoreTangent(Node store)
    {
        // The forward-over-reverse product stores tangents as forward mode does: a local array's tangent is an array of tangents.
        if (_policy is not (SweepPolicy.Tangent or SweepPolicy.HessianVector) || !HasTangent(store.Id)) return;
        Emit(new TangentStore(T(store.Id), TangentOf(store.Inputs[ElementIndex.StoredValue(store)], ElementType(store))));
    }

    /// <summary>Σi ∂y/∂xi · t(xi) as C#: the reverse rule of each input with its tangent as the upstream adjoint.</summary>
    private AdjointText TangentValue(Node node)
    {
        switch (node.Gate)
        {
            case GateKind.Element:
                return AdjointText.Concat(AdjointText.Of(T(node.Inputs[0])), AdjointText.Plain("[" + TangentIndex(node) + "]"));
            case GateKind.NewArray:
                return AdjointText.Plain(ElementIndex.Creation(node, i => Operand(node, i)));
            case GateKind.Pack:
                {
                    var parts = new List<AdjointText>();
                    foreach (var (literal, k) in StructPacks.Pieces(node.Text))
                    {
                        parts.Add(AdjointText.Plain(literal));
                        // A discrete member (Id, Alive) has no tangent: the tangent struct carries its value (docs/supported.md).
                        if (k >= 0) parts.Add(HasTangent(node.Inputs[k]) ? TangentRef(node.Inputs[k])
                            : _nodes[node.Inputs[k]].Type == ScalarType.Other ? AdjointText.Plain(Operand(node, k)) : TangentOf(-1, _nodes[node.Inputs[k]].Type));
                    }
                    return AdjointText.Concat(parts.ToArray());
                }
            case GateKind.Part:
                return AdjointText.Concat(AdjointText.Of(node.Inputs[0]), AdjointText.Plain("." + node.Text));
            case GateKind.Convert:
                // The reverse rule casts to the input's precision; the tangent goes the other way.
                if (node.Inputs[0] == _unit) return AdjointText.Plain(ScalarLiterals.One(node.Type));
                return AdjointText.Concat(AdjointText.Plain("(" + ScalarLiterals.TypeKeyword(node.Type) + ")"), AdjointText.Of(T(node.Inputs[0])));
        }
        var rule = LocalGradients.Reverse(node, i => Operand(node, i), node.Name, AdjointText.Upstream);
        var sum = new List<AdjointText>();
        foreach (var c in rule.Contributions)
        {
            int input = node.Inputs[c.InputPosition];
            if (!TangentActive(input)) continue;
            var term = input == _unit ? UnitTerm(c.Expression) : AdjointText.Template(c.Expression, T(input));
            // A conditional (abs, max, min, clamp) is a term of a sum only in parentheses.
            bool conditional = false;
            foreach (var piece in term.Text) conditional |= piece.IndexOf('?') >= 0;
            if (conditional && (c.Subtract || rule.Contributions.Count > 1)) term = AdjointText.Concat(AdjointText.Plain("("), term, AdjointText.Plain(")"));
            sum.Add(AdjointText.Plain(sum.Count == 0 ? (c.Subtract ? "-" : "") : c.Subtract ? " - " : " + "));
            sum.Add(term);
        }
        return sum.Count == 0 ? TangentOf(-1, node.Type) : AdjointText.Concat(sum.ToArray());
    }

    /// <summary>
    /// <c>M(args…, tangents…, out tY)</c>: the callee's forward derivative. An argument without a tangent passes zero (for
    /// an array or span: a zeroed scratch array of its length, which forward derivatives only read). An array the callee
    /// writes into is passed itself with its tangent array, in/out (the callee's MForward is void: docs/ref-out.md).
    /// </summary>
    private AdjointText ForwardCallText(Node node, CallInfo call)
    {
        var parts = new List<AdjointText> { AdjointText.Plain(call.Forward + "(") };
        int arity = call.Passing.Length;
        for (int i = 0; i < arity; i++)
        {
            if (i > 0) parts.Add(AdjointText.Plain(", "));
            // An array the callee writes into: the array itself (the node's input is the reverse sweep's copy).
            parts.Add(AdjointText.Plain(call.Passing[i] is AdjointPassing.InOut or AdjointPassing.Out ? RefArgument(node, call, i, tangent: false).Text[0]
                : Written(call, i) ? call.Outputs[i] : Operand(node, i)));
        }
        for (int i = 0; i < arity; i++)
        {
            var passing = call.Passing[i];
            if (passing == AdjointPassing.None) continue;
            var input = _nodes[node.Inputs[i]];
            parts.Add(AdjointText.Plain(", "));
            if (passing is AdjointPassing.InOut or AdjointPassing.Out)
            {
                parts.Add(RefArgument(node, call, i, tangent: true));
            }
            else if (passing == AdjointPassing.Object)
            {
                // The caller's own tangent object: the callee's MForward only reads it.
                parts.Add(AdjointText.Plain(call.ObjectAt(i)!.Tangent));
            }
            else if (Written(call, i))
            {
                // In/out: the tangent of what the array holds, which the callee turns into the tangent of what it leaves.
                // Without one (nothing read later carries it), a fresh zeroed array: a shared scratch may also be
                // another argument's zero tangent, which the callee must not write into.
                parts.Add(HasTangent(input.Id) ? CollectionAdjoint(input) : AdjointText.Plain("new " + WrittenElementType(input.TypeName) + "[" + call.Outputs[i] + ".Length]"));
            }
            else if (HasTangent(input.Id))
            {
                // A list's tangent is a list (the copy passed to a list parameter, ListArguments); the callee takes a span.
                parts.Add(passing != AdjointPassing.Collection ? AdjointText.Of(input.Id)
                    : ListTypes.IsList(input.TypeName) ? AdjointText.Concat(CollectionAdjoint(input), AdjointText.Plain(".ToArray()"))
                    : CollectionAdjoint(input));
            }
            else if (passing == AdjointPassing.Struct)
            {
                parts.Add(AdjointText.Plain("default(" + input.TypeName + ")"));
            }
            else if (passing == AdjointPassing.Value)
            {
                // A tensor without a tangent (a [NoDiff] input): a forward derivative reads null as a zero tangent.
                parts.Add(AdjointText.Plain("null"));
            }
            else if (passing == AdjointPassing.Collection)
            {
                string scratch = call.Scratch[i].Length > 0 ? call.Scratch[i] : "double";
                parts.Add(AdjointText.Plain(ScratchKinds.Text(scratch, Operand(node, i))));
            }
            else
            {
                parts.Add(TangentOf(input.Id, input.Type));
            }
        }
        // A void callee (its results in arrays) has no tResult.
        if (node.TypeName == "void")
        {
            parts.Add(AdjointText.Plain(")"));
            return AdjointText.Concat(parts.ToArray());
        }
        parts.Add(AdjointText.Plain((arity > 0 ? ", " : "") + "out " + (_hoisted[node.Id] ? "" : Declared(node) + " ")));
        parts.Add(AdjointText.Of(node.Id));
        parts.Add(AdjointText.Plain(")"));
        return AdjointText.Concat(parts.ToArray());
    }

    /// <summary>
    /// Before a call with ref arguments in <c>MForward</c>: each ref argument's new local starts as the value passed and its
    /// tangent as that value's (the callee's MForward updates both in place: <c>ref x_1, ref tX_1</c>), as
    /// <c>CallEmitter.WithOutputs</c> does for the value alone.
    /// </summary>
    private void StartRefTangents(Node node, CallInfo call)
    {
        for (int i = 0; i < call.Passing.Length; i++)
        {
            if (call.Passing[i] != AdjointPassing.InOut || CallOutput(node.Id, i) is not (>= 0 and var id)) continue;
            var output = _nodes[id];
            if (_hoisted[id]) Emit(new SetLocal(output.Name, Operand(node, i)));
            else Emit(new NewLocal(Declared(output), output.Name, Operand(node, i)));
            Emit(new Tangent(T(id), TangentOf(node.Inputs[i], output.Type), RefTangentDeclared(id)));
        }
    }

    /// <summary>The tangent of a call's ref/out output is declared at the call, unless it was hoisted with a tangent before a branch or loop.</summary>
    private bool RefTangentDeclared(int id) => !(_hoisted[id] && HasTangent(id));

    /// <summary>
    /// A ref or out argument of a forward call, its value (<c>ref x_1</c>, <c>out double y</c>) or its tangent (<c>ref tX_1</c>,
    /// <c>out double tY</c>); an out discard passes discards.
    /// </summary>
    private AdjointText RefArgument(Node node, CallInfo call, int i, bool tangent)
    {
        bool isRef = call.Passing[i] == AdjointPassing.InOut;
        int id = CallOutput(node.Id, i);
        if (id < 0) return AdjointText.Plain("out _");
        var output = _nodes[id];
        string declare = !isRef && (tangent ? RefTangentDeclared(id) : !_hoisted[id]) ? Declared(output) + " " : "";
        string keyword = isRef ? "ref " : "out ";
        return tangent ? AdjointText.Concat(AdjointText.Plain(keyword + declare), AdjointText.Of(T(id))) : AdjointText.Plain(keyword + declare + output.Name);
    }

    private HashSet<int>? _writtenSnapshots;

    /// <summary>
    /// The node is the copy of an array taken for the reverse sweep of a call that writes into it, and nothing else
    /// reads it: forward mode passes the array itself (<see cref="ForwardCallText"/>), so the copy is not made.
    /// </summary>
    private bool WrittenSnapshot(int id)
    {
        if (_writtenSnapshots is null)
        {
            _writtenSnapshots = new HashSet<int>();
            var readElsewhere = new HashSet<int>();
            foreach (var n in _nodes)
            {
                for (int i = 0; i < n.Inputs.Length; i++)
                {
                    bool written = n.Call is { } c && i < c.Passing.Length && Written(c, i);
                    if (written && _nodes[n.Inputs[i]].Gate is GateKind.CopyArray or GateKind.SpareArray) _writtenSnapshots.Add(n.Inputs[i]);
                    else readElsewhere.Add(n.Inputs[i]);
                }
            }
            _writtenSnapshots.ExceptWith(readElsewhere);
        }
        return _writtenSnapshots.Contains(id);
    }

    /// <summary>The call writes into the array it is passed as argument <paramref name="i"/> (<see cref="CallInfo.Outputs"/>).</summary>
    private static bool Written(CallInfo call, int i) =>
        call.HasOutputs && call.Outputs[i].Length > 0 && call.Passing[i] == AdjointPassing.Collection;

    /// <summary>The element type of a written array or span: double[] → double, global::System.Span&lt;float&gt; → float.</summary>
    private static string WrittenElementType(string typeName)
    {
        int open = typeName.IndexOf('<');
        return open >= 0 ? typeName.Substring(open + 1, typeName.LastIndexOf('>') - open - 1) : ElementIndex.ElementTypeName(typeName);
    }
}
