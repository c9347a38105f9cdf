using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// The carried <c>MBackward</c>'s plan (Lowering/CarriedBackwards says which methods qualify): the forward sweep with the
/// scalar's tangent alone, or beside other inputs a mixed sweep (the scalar's tangent carried forward, the reverse sweep
/// for the rest), chosen only where it tapes less than the plain reverse sweep.
/// </summary>
internal static class CarriedPlans
{
    /// <summary>
    /// The model to emit: <paramref name="carried"/> (the method lowered for forward mode, as with <c>Forward = true</c>)
    /// marked carried, when forward mode lowered it and it carries tangents in scalars only (a local array's tangent
    /// would be an array allocated per call, where the reverse sweep's tapes are the thread's), and, beside other inputs,
    /// when the mixed sweep tapes fewer values in loops than <paramref name="reverse"/>'s reverse sweep; else <paramref name="reverse"/>.
    /// </summary>
    public static MethodModel Choose(MethodModel reverse, MethodModel? carried)
    {
        // A result that does not vary: no tangent to carry (ADG0011 says so); the reverse sweep adds nothing either.
        if (carried is null || carried.Tangents.IsEmpty || !carried.Graph.Nodes[carried.Graph.Result].Varied) return reverse;
        var chosen = carried with { CarriedBackward = true, EmitForward = reverse.EmitForward };
        if (carried.Parameters.Count(p => p.IsDifferentiable) == 1)
        {
            if (carried.Graph.Nodes.Any(n => carried.Tangents[n.Id].Length > 0 && n.Type is not (ScalarType.Double or ScalarType.Float))) return reverse;
            return chosen;
        }
        // Beside other inputs: a method that writes into its arrays keeps the reverse sweep (their adjoints' in/out contract).
        if (carried.Graph.WritesArrays || Split(chosen) is not var (graph, others, scalar)) return reverse;
        // The walks alone: the passes after them (Passes) move no tape entry.
        var plain = ParameterCopy.Apply(reverse.Graph);
        return TapedInLoops(Differentiator.Walk(graph, others, _ => true, scalar)) < TapedInLoops(Differentiator.Walk(plain, new Activity(plain), _ => true)) ? chosen : reverse;
    }

    /// <summary>
    /// The mixed <c>MBackward</c>'s program of a carried model with other inputs beside its scalar, or null where its tangent
    /// would reach anything but scalar arithmetic (an element, a struct, a call: forward mode's forms of those are not written
    /// into the reverse sweep's forward sweep).
    /// </summary>
    /// <param name="model">The carried model.</param>
    /// <param name="fuseSums">As <see cref="Passes.Optimise"/>'s.</param>
    /// <param name="foldZeroStarts">As <see cref="Passes.Optimise"/>'s.</param>
    /// <param name="overwrittenCopies">As <see cref="Passes.Optimise"/>'s.</param>
    public static AdjointProgram? Mixed(MethodModel model, bool fuseSums = true, bool foldZeroStarts = true, bool overwrittenCopies = true) =>
        Split(model) is var (graph, others, scalar) ? Differentiator.Mixed(graph, others, scalar, fuseSums, foldZeroStarts, overwrittenCopies) : null;

    /// <summary>
    /// The graph of a mixed <c>MBackward</c> (with its parameter copies), the reverse sweep's activity (without the scalar's
    /// paths) and the carried scalar; null where its tangent would reach anything but scalar arithmetic.
    /// </summary>
    private static (ComputationGraph Graph, Activity Others, CarriedTangent Scalar)? Split(MethodModel model)
    {
        var input = model.Parameters.First(p => p.IsDifferentiable && p.IsByValueRealScalar);
        var graph = ParameterCopy.Apply(model.Graph);
        var x = graph.Nodes.First(n => n.Gate == GateKind.Parameter && n.AdjointName == input.AdjointName);
        var full = new Activity(graph);
        var carried = full.Restricted(n => n.Id == x.Id);
        foreach (var n in graph.Nodes)
        {
            if (n.Id == x.Id || !carried.IsActive(n.Id) || !carried.IsUseful(n.Id)) continue;
            if (n.Type is not (ScalarType.Double or ScalarType.Float) || n.Call is not null || n.IsInline || !Arithmetic(n.Gate) || model.Tangents[n.Id].Length == 0) return null;
        }
        return (graph, full.Restricted(n => n.Id != x.Id), new CarriedTangent(carried, model.Tangents, x.Id, x.AdjointName));
    }

    /// <summary>Gates whose tangent is their reverse rule's (or a copy's): no element, struct, array or call.</summary>
    private static bool Arithmetic(GateKind gate) => gate is not (GateKind.Element or GateKind.Pack or GateKind.Part or GateKind.CallOutput
        or GateKind.View or GateKind.Store or GateKind.NewArray or GateKind.CopyArray or GateKind.SpareArray or GateKind.CloneArray
        or GateKind.NewRow or GateKind.CopyInto or GateKind.Call or GateKind.Constant);

    /// <summary>The values a program's forward loops push (an array's contents count one).</summary>
    private static int TapedInLoops(AdjointProgram program) =>
        StepTree.Flatten(program.Body).OfType<ForwardLoop>().Sum(loop => StepTree.Flatten(loop.Body).Sum(s => s switch
        {
            TapePush p => p.Values.Length,
            SaveArray => 1,
            _ => 0,
        }));
}
