using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// A call in the forward-over-reverse Hessian–vector product (<see cref="CurvatureInfo"/>): z = g(a, b, …) is a gate
/// whose first partials gᵢ = ∂g/∂aᵢ come from the callee's Backward seeded with 1, and whose second partials along the
/// tangents, (H_g·t)ᵢ = Σⱼ ∂²g/∂aᵢ∂aⱼ·t(aⱼ), from the callee's own <c>MHessianVector</c>. So
/// <list type="bullet">
/// <item>forward sweep: z, then t(z) = Σᵢ gᵢ·t(aᵢ);</item>
/// <item>reverse sweep: dAᵢ += gᵢ·dZ, whose tangent is t(dAᵢ) += gᵢ·t(dZ) + (H_g·t)ᵢ·dZ (<see cref="TangentOf(Contribute)"/>).</item>
/// </list>
/// The reverse sweep recomputes gᵢ rather than reading the forward sweep's: in a loop, the iteration being reversed is
/// not the last one computed (its arguments and their tangents are taped, as every value's are).
/// </summary>
internal sealed partial class Differentiator
{
    /// <summary>Forward sweep: the call's value, its callee's gradient there, and its tangent.</summary>
    private void CurvatureForward(Node node, CallInfo call, CurvatureInfo curvature)
    {
        Emit(new Compute(node.Id, !_hoisted[node.Id]));
        Emit(new Comment(node.Name + ": " + call.Callee + " call: its tangent from its gradient (its Backward, seeded with 1)"));
        foreach (var step in Gradient(node, call, curvature.ForwardGradient)) Emit(step);
        var parts = new List<AdjointText>();
        for (int i = 0; i < call.Passing.Length; i++)
        {
            if (call.Passing[i] != AdjointPassing.Ref || !HasTangent(node.Inputs[i])) continue;
            parts.Add(AdjointText.Plain((parts.Count == 0 ? "" : " + ") + curvature.ForwardGradient[i] + " * "));
            parts.Add(AdjointText.Of(T(node.Inputs[i])));
        }
        var value = parts.Count == 0 ? AdjointText.Plain(ScalarLiterals.Zero(node.Type)) : AdjointText.Concat(parts.ToArray());
        Emit(new Tangent(T(node.Id), value, Declares(node, !_hoisted[node.Id])));
    }

    /// <summary>Reverse sweep: the callee's gradient and its H·t at the call's arguments, then one contribution per argument.</summary>
    private void CurvatureReverse(Node node, CallInfo call, CurvatureInfo curvature)
    {
        int k = call.Passing.Count(p => p == AdjointPassing.Ref);
        Emit(new Comment(node.Name + ": " + call.Callee + " gate: its gradient (its Backward) and its Hessian along the arguments' tangents (its MHessianVector)"));
        foreach (var step in Gradient(node, call, curvature.ReverseGradient)) Emit(step);
        var direction = new List<AdjointText> { AdjointText.Plain(curvature.Product + "(" + Arguments(node, call) + "new double[] { ") };
        int written = 0;
        for (int i = 0; i < call.Passing.Length; i++)
        {
            if (call.Passing[i] != AdjointPassing.Ref) continue;
            if (written++ > 0) direction.Add(AdjointText.Plain(", "));
            direction.Add(TangentOf(node.Inputs[i], ScalarType.Double));
        }
        direction.Add(AdjointText.Plain(" }, " + curvature.ProductLocal + ")"));
        Emit(new NewLocal("double[]", curvature.ProductLocal, "new double[" + k + "]"));
        Emit(new CurvatureCall(AdjointText.Concat(direction.ToArray())));
        var lines = new List<Step>();
        for (int i = 0; i < call.Passing.Length; i++)
        {
            if (call.Passing[i] != AdjointPassing.Ref || !_activity.IsActive(node.Inputs[i])) continue;
            Contribute(node.Inputs[i], AdjointText.Concat(AdjointText.Plain(curvature.ReverseGradient[i] + " * "), AdjointText.Of(node.Id)), subtract: false, lines, node.Id, i);
        }
        foreach (var line in lines) Emit(line);
    }

    /// <summary><c>double gᵢ = 0.0; …; g(args, ref g₀, …, 1.0);</c> into the locals <paramref name="names"/>.</summary>
    private IEnumerable<Step> Gradient(Node node, CallInfo call, EquatableArray<string> names)
    {
        var refs = new List<string>();
        for (int i = 0; i < call.Passing.Length; i++)
        {
            if (call.Passing[i] != AdjointPassing.Ref) continue;
            yield return new NewLocal("double", names[i], "0.0");
            refs.Add("ref " + names[i]);
        }
        yield return new CurvatureCall(AdjointText.Plain(call.DerivativeOn(i => Operand(node, i)) + "(" + Arguments(node, call) + string.Join(", ", refs) + ", 1.0)"));
    }

    /// <summary>The call's value arguments, each followed by ", ".</summary>
    private string Arguments(Node node, CallInfo call) =>
        string.Concat(Enumerable.Range(0, call.Passing.Length).Select(i => ValueArgument(node, call, i) + ", "));

    /// <summary>The index of the argument at <paramref name="position"/> among the callee's differentiable scalars (its H·t's).</summary>
    private static int CurvatureIndex(CallInfo call, int position) => call.Passing.Take(position).Count(p => p == AdjointPassing.Ref);
}
