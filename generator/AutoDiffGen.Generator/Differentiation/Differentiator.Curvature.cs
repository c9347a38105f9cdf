using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// A call in the forward-over-reverse Hessian–vector product (<see cref="CurvatureInfo"/>): z = g(a, b, …) is a gate
/// differentiated through the callee's <c>MBackwardTangent</c>, the tangent of its Backward seeded with dZ and t(dZ):
/// <list type="bullet">
/// <item>forward sweep: z and t(z) = Σᵢ gᵢ·t(aᵢ) from one call with both seeds zero (it returns after its forward sweep);</item>
/// <item>reverse sweep: one call with the seeds dZ and t(dZ) at the arguments, which adds gᵢ·dZ and its tangent
/// gᵢ·t(dZ) + (H_g·t)ᵢ·dZ into two locals per scalar argument (then contributed as any gate's, <see cref="TangentOf(Contribute)"/>),
/// and straight into an array parameter's adjoint and adjoint tangent.</item>
/// </list>
/// Each scalar is of its callee parameter's type (a caller of another type converts, as C# does). In a loop the reverse
/// sweep's call reads the iteration's arguments and their tangents from the tape, as every gate does. Nothing is allocated:
/// a constant array's tangent is a read-only span of zeros, and an adjoint nobody reads goes to a sink.
/// </summary>
internal sealed partial class Differentiator
{
    private const string Arguments = "global::AutoDiffGen.Internals.CurvatureArguments.";

    /// <summary>Forward sweep: <c>z = g…BackwardTangent(args, tangents, unused…, 0, 0, out tZ)</c>.</summary>
    private void CurvatureForward(Node node, CallInfo call, CurvatureInfo curvature)
    {
        bool declare = !_hoisted[node.Id];
        Emit(new Comment(node.Name + ": " + call.Callee + " call: its value and tangent (its BackwardTangent with zero seeds)"));
        for (int i = 0; i < call.Passing.Length; i++)
        {
            if (call.Passing[i] == AdjointPassing.Ref) Emit(new NewLocal(curvature.Types[i], curvature.Discard[i], ScalarLiterals.Zero(TypeOf(curvature.Types[i]))));
        }
        var parts = new List<AdjointText> { AdjointText.Plain((declare ? Declared(node) + " " : "") + node.Name + " = ") };
        parts.AddRange(EntryArguments(node, call, curvature, reverse: false));
        string zero = ScalarLiterals.Zero(node.Type);
        parts.Add(AdjointText.Plain(zero + ", " + zero + ", out " + (Declares(node, declare) ? Declared(node) + " " : "")));
        parts.Add(AdjointText.Of(T(node.Id)));
        parts.Add(AdjointText.Plain(")"));
        Emit(new CurvatureCall(AdjointText.Concat(parts.ToArray())));
    }

    /// <summary>Reverse sweep: the callee's BackwardTangent seeded with dZ and t(dZ), then one contribution per scalar argument.</summary>
    private void CurvatureReverse(Node node, CallInfo call, CurvatureInfo curvature)
    {
        Emit(new Comment(node.Name + ": " + call.Callee + " gate: its BackwardTangent seeded with the adjoint and its tangent adds g·dZ and g·t(dZ) + (H·t)·dZ"));
        for (int i = 0; i < call.Passing.Length; i++)
        {
            if (call.Passing[i] != AdjointPassing.Ref) continue;
            string zero = ScalarLiterals.Zero(TypeOf(curvature.Types[i]));
            Emit(new NewLocal(curvature.Types[i], curvature.Gradient[i], zero));
            Emit(new NewLocal(curvature.Types[i], curvature.Product[i], zero));
        }
        // A call made for what it writes into an array (its result unread, hess12) has no adjoint of its result: zero seeds.
        string unseeded = ScalarLiterals.Zero(node.Type);
        bool read = _declared[node.Id];
        var parts = new List<AdjointText>(EntryArguments(node, call, curvature, reverse: true))
        {
            read ? AdjointText.Of(node.Id) : AdjointText.Plain(unseeded), AdjointText.Plain(", "),
            read ? AdjointText.Of(2 * _nodes.Length + node.Id) : AdjointText.Plain(unseeded), AdjointText.Plain(", out _)"),
        };
        Emit(new CurvatureCall(AdjointText.Concat(parts.ToArray())));
        var lines = new List<Step>();
        for (int i = 0; i < call.Passing.Length; i++)
        {
            int input = node.Inputs[i];
            if (call.Passing[i] != AdjointPassing.Ref || !_activity.IsActive(input)) continue;
            Contribute(input, AdjointText.Plain(curvature.Gradient[i]), subtract: false, lines, node.Id, i);
        }
        foreach (var line in lines) Emit(line);
    }

    /// <summary>
    /// <c>Entry(values…, tangents…, adjoints…, adjoints' tangents…, </c> up to the seeds. An array parameter's adjoint
    /// tangent is the caller's own; its adjoint is the caller's in MBackwardTangent (which forms the gradient) and a sink in
    /// MHessianVector (which does not), except a local array's (dE: its stores read it). The forward sweep's zero-seeded call
    /// touches no adjoint: it passes empty spans.
    /// </summary>
    private IEnumerable<AdjointText> EntryArguments(Node node, CallInfo call, CurvatureInfo curvature, bool reverse)
    {
        yield return AdjointText.Plain(curvature.Entry + "(");
        // An array the call writes (hess12): the forward sweep's call writes the array itself and its tangents (the call's
        // outputs); the reverse sweep's is passed the copies of both taken at the call (its Backward's seen values).
        for (int i = 0; i < call.Passing.Length; i++) yield return AdjointText.Plain((!reverse && CurvatureWrites.Writes(call, i) ? call.Outputs[i] : ValueArgument(node, call, i)) + ", ");
        for (int i = 0; i < call.Passing.Length; i++)
        {
            if (call.Passing[i] == AdjointPassing.None) continue;
            int input = node.Inputs[i];
            // The forward sweep's call is passed the array's own tangents: the copy's (hess17: a copy for a call that only reads
            // the array) are for the reverse sweep, and in a loop they are on a tape, not in a local, until it pops them.
            if (CurvatureWrites.SliceOf(_nodes[input]) is var sliced && sliced >= 0)
            {
                // A slice (hess18): the same slice of its array's tangents (the array's own in the forward sweep, as for a copy below).
                int of = !reverse && _nodes[sliced].Gate == GateKind.CopyArray && CurvatureWrites.Snapshot(_graph, _nodes[sliced]) ? _nodes[sliced].Inputs[0] : sliced;
                yield return HasTangent(of) ? Slice(_nodes[input], T(of), span: false, curvature.Types[i])
                    : AdjointText.Plain(Arguments + "Zeros<" + curvature.Types[i] + ">(" + Operand(node, i) + ")");
            }
            else if (!reverse && _nodes[input].Gate == GateKind.CopyArray && CurvatureWrites.Snapshot(_graph, _nodes[input]) && HasTangent(_nodes[input].Inputs[0])) yield return AdjointText.Of(T(_nodes[input].Inputs[0]));
            else if (HasTangent(input)) yield return AdjointText.Of(T(input));
            else if (call.Passing[i] == AdjointPassing.Ref) yield return AdjointText.Plain(ScalarLiterals.Zero(TypeOf(curvature.Types[i])));
            else yield return AdjointText.Plain(Arguments + "Zeros<" + curvature.Types[i] + ">(" + Operand(node, i) + ")");
            yield return AdjointText.Plain(", ");
        }
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < call.Passing.Length; i++)
            {
                if (call.Passing[i] == AdjointPassing.None) continue;
                int input = node.Inputs[i];
                if (call.Passing[i] == AdjointPassing.Ref) yield return AdjointText.Plain("ref " + (reverse ? (pass == 0 ? curvature.Gradient[i] : curvature.Product[i]) : curvature.Discard[i]));
                // A written array's adjoint is an array (its Backward's shape), never read with zero seeds.
                else if (!reverse && pass == 0 && CurvatureWrites.Writes(call, i)) yield return AdjointText.Plain("global::System.Array.Empty<" + curvature.Types[i] + ">()");
                else if (!reverse) yield return AdjointText.Plain("default");
                // A local array's adjoint is read by the product (its stores route it to their values): only a parameter's goes to the sink.
                else if (!_activity.IsActive(input) || pass == 0 && !_seeded && _nodes[input].Gate == GateKind.Parameter) yield return AdjointText.Plain(Arguments + "Sink<" + curvature.Types[i] + ">(" + Operand(node, i) + ")");
                else if (CurvatureWrites.SliceOf(_nodes[input]) is var sliced && sliced >= 0)
                {
                    // A slice's adjoint and its tangent are the same slice of its array's (hess18); a parameter's adjoint goes to the sink.
                    yield return !_activity.IsActive(sliced) || pass == 0 && !_seeded && _nodes[sliced].Gate == GateKind.Parameter
                        ? AdjointText.Plain(Arguments + "Sink<" + curvature.Types[i] + ">(" + Operand(node, i) + ")")
                        : Slice(_nodes[input], pass == 0 ? sliced : 2 * _nodes.Length + sliced, span: true, curvature.Types[i]);
                }
                else yield return AdjointText.Of(pass == 0 ? input : 2 * _nodes.Length + input);
                yield return AdjointText.Plain(", ");
            }
        }
    }

    /// <summary>
    /// The slice <paramref name="view"/> takes, of the array or span in <paramref name="slot"/> (its tangents, adjoint or adjoint's
    /// tangents): an array (a local array's) or a span (a parameter's slice of the direction or of the output) alike, through a cast.
    /// </summary>
    private AdjointText Slice(Node view, int slot, bool span, string type)
    {
        string arguments = Operand(view, 1) + (view.Inputs.Length > 2 ? ", " + Operand(view, 2) : "");
        return AdjointText.Concat(AdjointText.Plain("((global::System." + (span ? "Span<" : "ReadOnlySpan<") + type + ">)"), AdjointText.Of(slot),
            AdjointText.Plain(").Slice(" + arguments + ")"));
    }

    private static ScalarType TypeOf(string keyword) => keyword == "float" ? ScalarType.Float : ScalarType.Double;
}
