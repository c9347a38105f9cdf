using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// The scalar parameter whose derivative a mixed <c>MBackward</c> carries forward (<c>Lowering/CarriedBackwards</c>).
/// </summary>
/// <param name="Activity">Which nodes carry its tangent (the full analysis restricted to the paths from it).</param>
/// <param name="Names">Per node, the local that holds its tangent (forward mode's names).</param>
/// <param name="Parameter">Its parameter node.</param>
/// <param name="Into">Its adjoint parameter, which gets <c>tResult * dResult</c>.</param>
internal sealed record CarriedTangent(Activity Activity, EquatableArray<string> Names, int Parameter, string Into);

/// <summary>
/// A mixed <c>MBackward</c>: the reverse sweep for every input but one by-value real scalar, whose tangent the forward
/// sweep carries along with the values (seeded 1, one tangent per value it reaches, as <c>MForward</c> computes it) and
/// adds times <c>dResult</c> into its adjoint once the forward sweep ends. The reverse sweep's activity leaves the scalar
/// out, so what only its adjoint read (Horner's <c>acc</c>) is never taped.
/// </summary>
internal sealed partial class Differentiator
{
    private readonly CarriedTangent? _carried;

    /// <summary>The body of a mixed <c>MBackward</c>, with the passes of <see cref="Passes"/>.</summary>
    /// <param name="graph">The primal graph (forward mode's lowering, with <c>MBackward</c>'s parameter copies).</param>
    /// <param name="activity">The reverse sweep's activity: the full analysis without the carried scalar's paths.</param>
    /// <param name="carried">The carried scalar.</param>
    /// <param name="fuseSums">As <see cref="Passes.Optimise"/>'s.</param>
    /// <param name="foldZeroStarts">As <see cref="Passes.Optimise"/>'s.</param>
    /// <param name="overwrittenCopies">As <see cref="Passes.Optimise"/>'s.</param>
    public static AdjointProgram Mixed(ComputationGraph graph, Activity activity, CarriedTangent carried, bool fuseSums = true, bool foldZeroStarts = true, bool overwrittenCopies = true) =>
        Passes.Optimise(graph, activity, fuseSums, foldZeroStarts, carried, overwrittenCopies: overwrittenCopies);

    /// <summary>Whether a node carries the tangent the forward sweep computes: the carried scalar's, or forward mode's.</summary>
    private bool TangentActive(int id) => (_carried?.Activity ?? _activity).IsActive(id);

    /// <summary><c>double tX = 1.0;</c>, the seed, first in the forward sweep.</summary>
    private void SeedCarried()
    {
        if (_carried is null) return;
        if (FoldsSeed(_carried.Names, _carried.Parameter))
        {
            // Read as the literal 1 (Differentiator.UnitSeed): no local.
            FoldSeed(_carried.Parameter);
            return;
        }
        var x = _nodes[_carried.Parameter];
        Emit(new NewLocal(ScalarLiterals.TypeKeyword(x.Type), _adjoint[T(x.Id)], ScalarLiterals.One(x.Type)));
    }

    /// <summary>After a value of the forward sweep, its tangent along the carried scalar.</summary>
    private void CarryTangent(Node node)
    {
        if (_carried is null || !TangentActive(node.Id)) return;
        Emit(new Tangent(T(node.Id), TangentValue(node), !_hoisted[node.Id]));
    }

    /// <summary>
    /// <c>dX += tResult * dResult</c> once the forward sweep has run (the reverse sweep never reads the tangents); a
    /// result of the other precision is converted as the reverse sweep converts a contribution.
    /// </summary>
    private void AddCarried()
    {
        if (_carried is null || _graph.IsVoid || !TangentActive(_graph.Result)) return;
        Emit(new AddToLocal(_carried.Into, AdjointText.Plain(CarriedProduct(_carried.Parameter, _graph.Result))));
    }
}
