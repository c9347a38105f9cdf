using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// The optimisations of the adjoint program, in order. Each is a small rewrite of the IR that keeps every
/// gradient bit for bit, except <see cref="TwinContributions"/>, which rounds once where it rounded twice.
/// </summary>
internal static class Passes
{
    /// <param name="graph">The primal graph.</param>
    /// <param name="activity">Which of its nodes carry adjoints.</param>
    /// <param name="fuseSums">Run <see cref="FusedSums"/> (off only to compare with it, in tests).</param>
    /// <param name="foldZeroStarts">Run <see cref="ZeroStarts"/> (off only to compare with it, in tests; off with <paramref name="fuseSums"/>).</param>
    /// <param name="carried">For a mixed <c>MBackward</c>, the scalar whose tangent the forward sweep carries (<see cref="Differentiator.Mixed"/>).</param>
    /// <param name="fuseLoops">Fuse a loop of independent iterations (<see cref="FusedLoops"/>); off only to compare with it, in tests.</param>
    /// <param name="reserveOnce">Reserve a fused loop's tape room once before it (Differentiator.ReservedOnce); off only to compare with it, in tests.</param>
    /// <param name="rowWalks">Walk adjacent reverse loops with a row walk among them as one (<see cref="ReverseRowWalks"/>); off only to compare with it, in tests.</param>
    /// <param name="walkBack">Walk a row loop's carried counter back instead of taping it per row (Differentiator.WalkedBack); off only to compare with it, in tests.</param>
    /// <param name="sharePops">In a merged row walk, read a row's element another loop tapes from that loop's entry (ReverseRowWalkSharedPops); off only to compare with it, in tests.</param>
    /// <param name="takenSteps">Route a running Max/Min by its last taken step instead of taping its running value (Differentiator.TakenSteps); off only to compare with it, in tests.</param>
    /// <param name="reuseArrays">Take confined local arrays from the workspace (<see cref="ReusedArrays"/>); off only to compare with it, in tests.</param>
    /// <param name="zeroArrays">Drop a local adjoint array that only ever holds zero, its reads folded (<see cref="ZeroAdjointArrays"/>); off only to compare with it, in tests.</param>
    /// <param name="overwrittenCopies">Drop a copy of an adjoint its block overwrites after the copy's last read (<see cref="OverwrittenCopies"/>); off only to compare with it, in tests.</param>
    public static AdjointProgram Optimise(ComputationGraph graph, Activity activity, bool fuseSums = true, bool foldZeroStarts = true, CarriedTangent? carried = null, bool fuseLoops = true, bool reserveOnce = true, bool rowWalks = true, bool walkBack = true, bool sharePops = true, bool takenSteps = true, bool reuseArrays = true, bool zeroArrays = true, bool overwrittenCopies = true)
    {
        var program = Steps(graph, activity, fuseSums, foldZeroStarts, carried, fuseLoops, reserveOnce, rowWalks, walkBack, sharePops, takenSteps);
        // After the row walks, which hold a row's slot in a local and leave only its zeroings in memory (the GMM's dXc).
        if (zeroArrays) program = ZeroAdjointArrays.Run(program, graph);
        // Last of the rewrites: it gives two nodes one local, which the passes above, reasoning by node, must not see.
        if (overwrittenCopies) program = OverwrittenCopies.Run(program, graph);
        // Which arrays the workspace lends changes no step: decided on the final program.
        return reuseArrays ? ReusedArrays.Run(program, graph) : program;
    }

    private static AdjointProgram Steps(ComputationGraph graph, Activity activity, bool fuseSums, bool foldZeroStarts, CarriedTangent? carried, bool fuseLoops, bool reserveOnce, bool rowWalks, bool walkBack, bool sharePops, bool takenSteps)
    {
        // Every scalar ref parameter's adjoint is summed in a local; RefSums then writes through the ref directly
        // those that one run writes once at most.
        var program = TwinContributions.Run(Differentiator.Walk(graph, activity, _ => true, carried, fuseLoops, reserveOnce, walkBack, takenSteps), graph);
        program = RefSums.Run(program, graph);
        program = AdjointCopies.Run(program, graph);
        // A sum whose contributions became one write is written through the ref directly (RefSums again).
        // A zero start folded into the first add of each path leaves adds that FusedSums can join.
        if (fuseSums && foldZeroStarts) program = ZeroStarts.Run(program, graph);
        if (fuseSums) program = RefSums.Run(FusedSums.Run(program, graph), graph);
        // A slot's gradient handed back by `t[i] += v` stays in the slot (before SingleUseAdjoints, which may then inline dSum).
        program = SingleUseAdjoints.Run(PassThroughSlots.Run(program, graph), graph);
        // An adjoint array's slot that a reverse loop adds into at a fixed index is summed in a local (a new name).
        program = SlotSums.Run(program, graph);
        // Last: two adjacent reverse loops over one range, meeting only at their counters' elements, walked as one.
        if (!fuseLoops) return program;
        program = ReverseLoopFusion.Run(program, graph);
        // Then: adjacent reverse loops over one range with a row walk among them (the GMM's per-component rows), walked as one.
        return rowWalks ? ReverseRowWalks.Run(program, graph, sharePops) : program;
    }
}
