using System.Linq;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// The sweep of a carried <c>MBackward</c> (<see cref="MethodModel.CarriedBackward"/>): forward mode's tangent program, as
/// <c>MForward</c> writes it, with the one differentiable scalar's tangent a local set to 1, ending in
/// <c>dX += tResult * dResult</c> instead of <c>tResult = …</c>. The same values, the same exceptions where the method
/// throws, adds into its adjoint as the reverse sweep does; no tape.
/// </summary>
internal static class CarriedBackwardEmitter
{
    public static void WriteSweep(IndentedWriter w, MethodModel model)
    {
        var graph = model.Graph;
        var input = model.Parameters.First(p => p.IsDifferentiable);
        var node = graph.Nodes.First(n => n.Gate == GateKind.Parameter && n.AdjointName == input.AdjointName);
        w.Line(ScalarLiterals.TypeKeyword(input.Scalar) + " " + model.Tangents[node.Id] + " = " + ScalarLiterals.One(input.Scalar) + ";");
        // No comments, as in every MBackward (BackwardEmitter).
        ProgramWriter.Write(w, graph, Differentiator.Tangents(graph, new Activity(graph), model.Tangents, input.AdjointName), model.NullableSyntax, comments: false);
    }
}
