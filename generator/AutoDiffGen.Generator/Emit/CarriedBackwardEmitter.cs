using System.Linq;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// The sweep of a carried <c>MBackward</c> (<see cref="MethodModel.CarriedBackward"/>): forward mode's tangent program, as
/// <c>MForward</c> writes it, with the one differentiable scalar's tangent 1 (the literal where it is read: Differentiator.UnitSeed), ending in
/// <c>dX += tResult * dResult</c> instead of <c>tResult = …</c>. The same values, the same exceptions where the method
/// throws, adds into its adjoint as the reverse sweep does; no tape.
/// </summary>
internal static class CarriedBackwardEmitter
{
    /// <summary>Other inputs beside the carried scalar: the reverse sweep for them (<see cref="MixedProgram"/>).</summary>
    public static bool IsMixed(MethodModel model) => model.Parameters.Count(p => p.IsDifferentiable) > 1;

    /// <summary>
    /// The mixed <c>MBackward</c>'s program (Differentiator.Mixed), which <c>CarriedPlans.Choose</c> made sure
    /// exists before marking the model carried.
    /// </summary>
    public static AdjointProgram MixedProgram(MethodModel model, bool fuseSums, bool foldZeroStarts, bool overwrittenCopies = true) =>
        CarriedPlans.Mixed(model, fuseSums, foldZeroStarts, overwrittenCopies)
        ?? throw new System.InvalidOperationException(model.MethodName + "'s mixed MBackward was chosen but does not apply");

    /// <summary>The sweep; <paramref name="inline"/> writes values and tangents read once into their reader (<see cref="ForwardInlining"/>).</summary>
    public static void WriteSweep(IndentedWriter w, MethodModel model, bool inline = true)
    {
        var graph = model.Graph;
        var input = model.Parameters.First(p => p.IsDifferentiable);
        var node = graph.Nodes.First(n => n.Gate == GateKind.Parameter && n.AdjointName == input.AdjointName);
        // The seed is read as the literal 1 where it can be (Differentiator.UnitSeed); a local only otherwise.
        if (!Differentiator.FoldsSeed(model.Tangents, node.Id))
            w.Line(ScalarLiterals.TypeKeyword(input.Scalar) + " " + model.Tangents[node.Id] + " = " + ScalarLiterals.One(input.Scalar) + ";");
        // No comments, as in every MBackward (BackwardEmitter).
        // Differentiator.Tangents lends confined local arrays from the workspace, as every mode's passes do (ReusedArrays).
        BackwardEmitter.WriteSweeps(w, graph, Differentiator.Tangents(graph, new Activity(graph), model.Tangents, input.AdjointName), model.NullableSyntax, comments: false, inlineForward: inline);
    }
}
