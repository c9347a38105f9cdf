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
/// The call's values are of the callee's result type, double or float, which its differentiable parameters share
/// (HessianCalls); a caller of the other type converts its arguments and the result as C# does (Convert gates).
/// An array argument (a parameter, or constant) has a gradient array and one entry of H_g·t per element
/// (<c>Internals.CurvatureDirection</c>). The reverse sweep recomputes gᵢ rather than reading the forward sweep's: in a
/// loop, the iteration being reversed is not the last one computed (its arguments and their tangents are taped, as
/// every value's are).
/// </summary>
internal sealed partial class Differentiator
{
    /// <summary>The runtime helper of a call's type: the callee's result type, which its differentiable parameters share (HessianCalls).</summary>
    private static string CurvatureOf(Node call) =>
        call.Type == ScalarType.Float ? "global::AutoDiffGen.Internals.CurvatureDirectionSingle" : "global::AutoDiffGen.Internals.CurvatureDirection";

    /// <summary>Forward sweep: the call's value, its callee's gradient there, and its tangent.</summary>
    private void CurvatureForward(Node node, CallInfo call, CurvatureInfo curvature)
    {
        Emit(new Compute(node.Id, !_hoisted[node.Id]));
        Emit(new Comment(node.Name + ": " + call.Callee + " call: its tangent from its gradient (its Backward, seeded with 1)"));
        foreach (var step in Gradient(node, call, curvature.ForwardGradient)) Emit(step);
        var parts = new List<AdjointText>();
        for (int i = 0; i < call.Passing.Length; i++)
        {
            if (call.Passing[i] == AdjointPassing.None || !HasTangent(node.Inputs[i])) continue;
            string plus = parts.Count == 0 ? "" : " + ";
            if (call.Passing[i] == AdjointPassing.Ref)
            {
                parts.Add(AdjointText.Plain(plus + curvature.ForwardGradient[i] + " * "));
                parts.Add(AdjointText.Of(T(node.Inputs[i])));
            }
            else
            {
                parts.Add(AdjointText.Plain(plus + CurvatureOf(node) + ".Dot(" + curvature.ForwardGradient[i] + ", "));
                parts.Add(AdjointText.Of(T(node.Inputs[i])));
                parts.Add(AdjointText.Plain(")"));
            }
        }
        var value = parts.Count == 0 ? AdjointText.Plain(ScalarLiterals.Zero(node.Type)) : AdjointText.Concat(parts.ToArray());
        Emit(new Tangent(T(node.Id), value, Declares(node, !_hoisted[node.Id])));
    }

    /// <summary>Reverse sweep: the callee's gradient and its H·t at the call's arguments, then one contribution per argument.</summary>
    private void CurvatureReverse(Node node, CallInfo call, CurvatureInfo curvature)
    {
        int n = _nodes.Length;
        Emit(new Comment(node.Name + ": " + call.Callee + " gate: its gradient (its Backward) and its Hessian along the arguments' tangents (its MHessianVector)"));
        foreach (var step in Gradient(node, call, curvature.ReverseGradient)) Emit(step);
        string total = Offset(call, curvature, call.Passing.Length);
        string element = ScalarLiterals.TypeKeyword(node.Type);
        var direction = new List<AdjointText> { AdjointText.Plain(curvature.Product + "(" + Arguments(node, call) + "new " + CurvatureOf(node) + "(" + total + ")") };
        for (int i = 0; i < call.Passing.Length; i++)
        {
            if (call.Passing[i] == AdjointPassing.None) continue;
            if (HasTangent(node.Inputs[i])) direction.Add(AdjointText.Concat(AdjointText.Plain(".Add("), AdjointText.Of(T(node.Inputs[i])), AdjointText.Plain(")")));
            else direction.Add(AdjointText.Plain(call.Passing[i] == AdjointPassing.Ref ? ".Add(" + ScalarLiterals.Zero(node.Type) + ")" : ".Skip(" + curvature.ReverseGradient[i] + ".Length)"));
        }
        direction.Add(AdjointText.Plain(".Values, " + curvature.ProductLocal + ")"));
        Emit(new NewLocal(element + "[]", curvature.ProductLocal, "new " + element + "[" + total + "]"));
        Emit(new CurvatureCall(AdjointText.Concat(direction.ToArray())));
        var lines = new List<Step>();
        for (int i = 0; i < call.Passing.Length; i++)
        {
            int input = node.Inputs[i];
            if (call.Passing[i] == AdjointPassing.None || !_activity.IsActive(input)) continue;
            if (call.Passing[i] == AdjointPassing.Ref)
            {
                Contribute(input, AdjointText.Concat(AdjointText.Plain(curvature.ReverseGradient[i] + " * "), AdjointText.Of(node.Id)), subtract: false, lines, node.Id, i);
                continue;
            }
            // An array parameter (HessianCalls allows no other active array): only its adjoint's tangent is H·v's.
            lines.Add(new CurvatureCall(AdjointText.Concat(
                AdjointText.Plain(CurvatureOf(node) + ".AddInto("), AdjointText.Of(2 * n + input), AdjointText.Plain(", " + curvature.ReverseGradient[i] + ", "),
                AdjointText.Of(2 * n + node.Id), AdjointText.Plain(", " + curvature.ProductLocal + ", " + Offset(call, curvature, i) + ", "), AdjointText.Of(node.Id), AdjointText.Plain(")"))));
        }
        foreach (var line in lines) Emit(line);
    }

    /// <summary><c>double gᵢ = 0.0; …; g(args, ref g₀, …, 1.0);</c> into the locals <paramref name="names"/> (an array's a zeroed array).</summary>
    private IEnumerable<Step> Gradient(Node node, CallInfo call, EquatableArray<string> names)
    {
        var adjoints = new List<string>();
        for (int i = 0; i < call.Passing.Length; i++)
        {
            if (call.Passing[i] == AdjointPassing.None) continue;
            if (call.Passing[i] == AdjointPassing.Ref)
            {
                yield return new NewLocal(ScalarLiterals.TypeKeyword(node.Type), names[i], ScalarLiterals.Zero(node.Type));
                adjoints.Add("ref " + names[i]);
            }
            else
            {
                yield return new NewLocal(ScalarLiterals.TypeKeyword(node.Type) + "[]", names[i], CurvatureOf(node) + ".Gradient(" + Operand(node, i) + ")");
                adjoints.Add(names[i]);
            }
        }
        yield return new CurvatureCall(AdjointText.Plain(call.DerivativeOn(i => Operand(node, i)) + "(" + Arguments(node, call) + string.Join(", ", adjoints) + ", " + ScalarLiterals.One(node.Type) + ")"));
    }

    /// <summary>The call's value arguments, each followed by ", ".</summary>
    private string Arguments(Node node, CallInfo call) =>
        string.Concat(Enumerable.Range(0, call.Passing.Length).Select(i => ValueArgument(node, call, i) + ", "));

    /// <summary>Where the argument at <paramref name="position"/> starts among the callee's differentiable scalars (its H·t's), as C#.</summary>
    private static string Offset(CallInfo call, CurvatureInfo curvature, int position)
    {
        int scalars = 0;
        var lengths = new List<string>();
        for (int i = 0; i < position; i++)
        {
            if (call.Passing[i] == AdjointPassing.Ref) scalars++;
            else if (call.Passing[i] != AdjointPassing.None) lengths.Add(curvature.ReverseGradient[i] + ".Length");
        }
        if (lengths.Count == 0) return scalars.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (scalars == 0 ? "" : scalars.ToString(System.Globalization.CultureInfo.InvariantCulture) + " + ") + string.Join(" + ", lengths);
    }
}
