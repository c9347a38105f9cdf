using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// The local arrays of <c>MBackward</c> whose storage, and their adjoints', is the tape workspace's (<c>tapes.Local&lt;T&gt;(n)</c>)
/// instead of <c>new T[n]</c>: a steady-state call then allocates nothing for them (issue 12's 0 B). Only an array that
/// nothing outside the method reaches (<see cref="ComputationGraph.Confined"/>: elements and length only, proved on the
/// user's code), made once per call (not in a loop, whose every iteration makes a fresh one), one-dimensional, of a
/// primitive element type. Soundness: <c>Local</c> hands out an array of exactly that length, all zero, so every read,
/// even one before any write, and every <c>Length</c> sees what <c>new</c> would give; it is the caller's until the call
/// leaves the workspace, and a nested or recursive call runs in the next workspace of the thread's chain, so no two
/// running calls share one. The adjoint array is the generator's own and is passed nowhere the array is not (a confined
/// array goes to no callee), so it is as confined. Cost: one compare and a clear where <c>new</c> allocated and zeroed.
/// </summary>
internal static class ReusedArrays
{
    private static readonly HashSet<string> Primitive = new(System.StringComparer.Ordinal)
    {
        "double", "float", "int", "long", "short", "byte", "sbyte", "uint", "ulong", "ushort", "bool", "char", "decimal",
    };

    /// <summary>The program with its confined arrays taken from the workspace (<see cref="AdjointProgram.Reused"/>).</summary>
    public static AdjointProgram Run(AdjointProgram program, ComputationGraph graph)
    {
        if (graph.Confined.IsEmpty) return program;
        var computed = new HashSet<int>(StepTree.Flatten(program.Body).OfType<Compute>().Select(c => c.Node));
        var reused = graph.Confined.Where(id => computed.Contains(id) && Reusable(graph.Nodes[id])).ToList();
        return reused.Count == 0 ? program : program with { Reused = new EquatableArray<int>(reused.ToArray()) };
    }

    /// <summary>A one-dimensional array of a primitive type made once per call: <c>new T[n]</c> outside any loop.</summary>
    private static bool Reusable(Node node) =>
        node.Gate == GateKind.NewArray && node.Text.Length == 0 && node.Inputs.Length == 1
        && node.TypeName.EndsWith("[]", System.StringComparison.Ordinal) && Primitive.Contains(node.TypeName.Substring(0, node.TypeName.Length - 2));
}
