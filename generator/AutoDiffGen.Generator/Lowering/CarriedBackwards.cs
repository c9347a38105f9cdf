using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Which methods get <c>MBackward</c> with the derivative of their one by-value real scalar carried forward
/// (<see cref="MethodModel.CarriedBackward"/>): with one input, the derivative carried along the loop costs one pass and
/// no tape, where the reverse sweep stores what the loop overwrites and walks back (issue 12, Horner's p′(x)). Beside
/// arrays, spans or structs (mixed: <c>Horner(c, x)</c>), the others keep the reverse sweep, which then tapes nothing
/// that only the scalar's adjoint read. Which of the two sweeps is written is Differentiation/CarriedPlans' choice.
/// </summary>
internal static class CarriedBackwards
{
    /// <summary>
    /// One differentiable <c>double</c> or <c>float</c> passed by value (beside any number of differentiable parameters of
    /// other kinds), a real result and nothing written into parameters, and a loop (straight-line code needs no tape: its
    /// reverse sweep is as cheap). Checkpointed loops keep the schedule their author chose.
    /// </summary>
    public static bool Qualifies(MethodModel model, bool checkpointed)
    {
        if (checkpointed || model.GenericText is not null || model.ThisAdjointType is not null) return false;
        if (model.ReturnType is not (ScalarType.Double or ScalarType.Float)) return false;
        var graph = model.Graph;
        if (graph.IsVoid || graph.Vector is not null || !graph.Outputs.IsEmpty || !graph.HasLoops) return false;
        return model.Parameters.Count(p => p.IsDifferentiable && p.IsByValueRealScalar) == 1;
    }
}
