using System;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// The seed of a carried or mixed <c>MBackward</c> (<c>tX = 1</c>, never assigned again) written as the literal 1 where it
/// is read: <c>acc * tX</c> becomes <c>acc</c>, <c>g / tX</c>-style rules get <c>1.0</c>. RyuJIT does not fold a product
/// by a local that holds 1.0, so the tangent chain of a loop (Horner's <c>tAcc = x * tAcc + acc * tX</c>) kept a
/// multiplication per iteration the hand-written p′(x) does not have (horner-probe, Variants12: 1.08× → 1.03× hand-written).
/// Multiplying by 1 and adding it are exact, so the values are the same bits; no local is declared for the seed.
/// </summary>
internal sealed partial class Differentiator
{
    /// <summary>The parameter node whose tangent is the literal 1 (the carried scalar), or −1: forward mode's tangents are parameters.</summary>
    private int _unit = -1;

    /// <summary>
    /// Whether the carried parameter's tangent can be written as the literal 1: no other node shares its tangent's name
    /// (a value that names it would be assigned, and the literal is no variable).
    /// </summary>
    internal static bool FoldsSeed(EquatableArray<string> tangents, int parameter)
    {
        string name = tangents[parameter];
        if (name.Length == 0) return false;
        for (int i = 0; i < tangents.Length; i++)
        {
            if (i != parameter && tangents[i] == name) return false;
        }
        return true;
    }

    /// <summary>The parameter node whose adjoint is <paramref name="into"/> (a carried MBackward's scalar), or −1.</summary>
    private static int CarriedSeed(ComputationGraph graph, string into)
    {
        foreach (var n in graph.Nodes)
        {
            if (n.Gate == GateKind.Parameter && n.AdjointName == into) return n.Id;
        }
        return -1;
    }

    /// <summary>
    /// Reads of the carried parameter's tangent become the literal 1 from here on; its name too, so that any reference
    /// left renders as the same value (nothing assigns a parameter's tangent).
    /// </summary>
    private void FoldSeed(int parameter)
    {
        _unit = parameter;
        _adjoint[T(parameter)] = ScalarLiterals.One(_nodes[parameter].Type);
    }

    /// <summary>A reference to a node's tangent: the literal 1 for the folded seed.</summary>
    private AdjointText TangentRef(int id) =>
        id == _unit ? AdjointText.Plain(ScalarLiterals.One(_nodes[id].Type)) : AdjointText.Of(T(id));

    /// <summary>
    /// A rule's term with the folded seed as its upstream tangent: <c>E * g</c> is <c>E</c> (E·1 = E exactly, and
    /// removing the last factor leaves the operand it bound to), anything else gets the literal 1 for <c>g</c>.
    /// </summary>
    private AdjointText UnitTerm(string expression)
    {
        const string times = " * " + AdjointText.Upstream;
        if (expression.EndsWith(times, StringComparison.Ordinal) && expression.IndexOf(AdjointText.Upstream, StringComparison.Ordinal) == expression.Length - 1)
            return AdjointText.Plain(expression.Substring(0, expression.Length - times.Length));
        return AdjointText.Plain(expression.Replace(AdjointText.Upstream, ScalarLiterals.One(_nodes[_unit].Type)));
    }

    /// <summary>
    /// <c>tResult * dResult</c>, what a carried or mixed MBackward adds into the scalar's adjoint: <c>dResult</c> when the
    /// result is the folded seed itself; a result of the other precision (a float x, a double result) converted to the
    /// adjoint's type, as the reverse sweep converts a contribution (<c>ref float dX</c> takes no double).
    /// </summary>
    private string CarriedProduct(int parameter, int result)
    {
        string product = result == _unit ? "dResult" : _adjoint[T(result)] + " * dResult";
        if (parameter < 0) return product;
        var x = _nodes[parameter];
        return x.Type != _nodes[result].Type ? "(" + ScalarLiterals.TypeKeyword(x.Type) + ")(" + product + ")" : product;
    }
}
