using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Which methods get <c>MBackward</c> as forward mode's sweep with the tangent of their one differentiable scalar set to 1
/// (<see cref="MethodModel.CarriedBackward"/>): with one input, the derivative carried along the loop costs one pass and
/// no tape, where the reverse sweep stores what the loop overwrites and walks back (issue 12, Horner's p′(x)).
/// </summary>
internal static class CarriedBackwards
{
    /// <summary>
    /// One differentiable parameter, a <c>double</c> or <c>float</c> passed by value, a real result and nothing written into
    /// parameters, and a loop (straight-line code needs no tape: its reverse sweep is as cheap). Checkpointed loops keep
    /// the schedule their author chose.
    /// </summary>
    public static bool Qualifies(MethodModel model, bool checkpointed)
    {
        if (checkpointed || model.GenericText is not null || model.ThisAdjointType is not null) return false;
        if (model.ReturnType is not (ScalarType.Double or ScalarType.Float)) return false;
        var graph = model.Graph;
        if (graph.IsVoid || graph.Vector is not null || !graph.Outputs.IsEmpty || !graph.HasLoops) return false;
        var inputs = model.Parameters.Where(p => p.IsDifferentiable).ToList();
        return inputs.Count == 1 && inputs[0].RefKind.Length == 0 && inputs[0].AdjointType is "ref double" or "ref float";
    }

    /// <summary>
    /// The model to emit: <paramref name="carried"/> (the method lowered for forward mode, as with <c>Forward = true</c>)
    /// marked carried, when forward mode lowered it and it carries tangents in scalars only (a local array's tangent
    /// would be an array allocated per call, where the reverse sweep's tapes are the thread's); else <paramref name="reverse"/>.
    /// </summary>
    public static MethodModel Choose(MethodModel reverse, MethodModel? carried)
    {
        // A result that does not vary: no tangent to carry (ADG0011 says so); the reverse sweep adds nothing either.
        if (carried is null || carried.Tangents.IsEmpty || !carried.Graph.Nodes[carried.Graph.Result].Varied) return reverse;
        if (carried.Graph.Nodes.Any(n => carried.Tangents[n.Id].Length > 0 && n.Type is not (ScalarType.Double or ScalarType.Float))) return reverse;
        return carried with { CarriedBackward = true, EmitForward = reverse.EmitForward };
    }
}
