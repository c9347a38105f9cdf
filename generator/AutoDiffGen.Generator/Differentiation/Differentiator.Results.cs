using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// A vector-valued method (<see cref="VectorResult"/>): <c>MBackward</c> seeds each component's adjoint with the
/// matching member of <c>dResult</c>, so the reverse sweep computes dResultᵀ·J (a vector–Jacobian product);
/// <c>MForward</c> sets each member of <c>tResult</c> to its component's tangent, J·t. The primal result is built in a
/// local once the forward sweep ends, before the reverse sweep restores loop variables from the tapes.
/// </summary>
internal sealed partial class Differentiator
{
    /// <summary>Walk's end for a vector result: keep the primal value, seed, reverse sweep, return.</summary>
    private AdjointProgram WalkVector(ComputationGraph graph, VectorResult vector, System.Func<int, bool> summed)
    {
        BuildPrimalVector(vector, graph.ResultLocal);
        if (vector.Nodes.Any(_activity.IsActive))
        {
            Emit(Blank.Instance);
            Emit(new Comment("reverse sweep, seeded with dResult: each component's adjoint is its member"));
            DeclareArrayAdjoints();
            UseSums(summed);
            SeedVector(vector);
            Reverse(graph.Body);
            AddSums();
        }
        RebuildStructAdjoints();
        Emit(Blank.Instance);
        Emit(new Return(graph.ResultLocal));
        return Program();
    }

    /// <summary>Tangents' end for a vector result: tResult member by member, then the value.</summary>
    private AdjointProgram TangentsVector(ComputationGraph graph, VectorResult vector)
    {
        Emit(Blank.Instance);
        BuildTangentVector(vector);
        BuildPrimalVector(vector, graph.ResultLocal);
        Emit(new Return(graph.ResultLocal));
        return Program();
    }

    /// <summary>Seeds every active component's adjoint with <c>dResult.Path</c>; a node that several components hold adds them up.</summary>
    private void SeedVector(VectorResult vector)
    {
        var count = new Dictionary<int, int>();
        foreach (int n in vector.Nodes) count[n] = count.TryGetValue(n, out int c) ? c + 1 : 1;
        for (int k = 0; k < vector.Nodes.Length; k++)
        {
            int id = vector.Nodes[k];
            if (!_activity.IsActive(id)) continue;
            var node = _nodes[id];
            string seed = "dResult." + vector.Paths[k];
            if (!_declared[id] && node.Gate is not (GateKind.Parameter or GateKind.Phi) && node.UserName is null && count[id] == 1)
            {
                // An intermediate's adjoint is the seed itself, as for a scalar result (dResult is Backward's own copy).
                _adjoint[id] = seed;
                _declared[id] = true;
                continue;
            }
            Contribute(id, AdjointText.Plain(seed), subtract: false, _out, -1, -1);
        }
    }

    /// <summary>Builds a value of the result's type from per-component C# text into <paramref name="local"/>.</summary>
    private void BuildVector(VectorResult vector, string local, IReadOnlyList<string> parts, bool declare)
    {
        string? whole = _graph.ConstructionOf(vector.TypeName) is { } template ? StructPacks.Text(template, k => parts[k]) : vector.Construction switch
        {
            VectorConstruction.Constructor => "new " + vector.TypeName + "(" + string.Join(", ", parts) + ")",
            VectorConstruction.Tuple => "(" + string.Join(", ", parts) + ")",
            _ => null,
        };
        if (whole is not null)
        {
            Emit(declare ? new NewLocal(vector.TypeName, local, whole) : new SetLocal(local, whole));
            return;
        }
        // A user struct: its members one by one (a struct may have no constructor that takes them all).
        Emit(declare ? new NewLocal(vector.TypeName, local, "default(" + vector.TypeName + ")") : new SetLocal(local, "default(" + vector.TypeName + ")"));
        for (int k = 0; k < parts.Count; k++) Emit(new SetLocal(local + "." + vector.Paths[k], parts[k]));
    }

    /// <summary>The primal result, from the components' values.</summary>
    private void BuildPrimalVector(VectorResult vector, string local) =>
        BuildVector(vector, local, vector.Nodes.Select(n => _nodes[n].Name).ToList(), declare: true);

    /// <summary>
    /// <c>tResult</c>, from the components' tangents (zero for a real component that does not vary); a discrete member
    /// (Id, Alive) has no tangent and holds its value, as a tangent struct argument's does.
    /// </summary>
    private void BuildTangentVector(VectorResult vector) =>
        BuildVector(vector, "tResult", vector.Nodes.Select((n, k) => HasTangent(n) ? _adjoint[n]
            : vector.Types[k] == ScalarType.Other ? _nodes[n].Name : ScalarLiterals.Zero(vector.Types[k])).ToList(), declare: false);
}
