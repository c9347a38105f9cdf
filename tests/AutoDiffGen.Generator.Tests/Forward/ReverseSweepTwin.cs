using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.CompileCost;
using AutoDiffGen.Generator.Tests.Infrastructure;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// The plain reverse sweep of programs whose MBackward may be carried or mixed: the same models emitted with
/// <c>CarriedBackward</c> off and compiled apart, so a property test can compare the two Backwards at the same point.
/// </summary>
internal static class ReverseSweepTwin
{
    public static Type Load(string header, IEnumerable<string> cleanTexts, string typeName)
    {
        string source = ProgramBatch.Source(header, cleanTexts);
        var (_, reverseTexts, _) = TwoWays.Emit(source, m => "", m => BackwardEmitter.Emit(m with { CarriedBackward = false }));
        return TwoWays.Load(source, reverseTexts).GetType(typeName)!;
    }

    /// <summary>The same models' MBackward with fused loops off (<c>Differentiation/FusedLoops</c>): the sweep after the whole forward one.</summary>
    public static Type Unfused(string header, IEnumerable<string> cleanTexts, string typeName)
    {
        string source = ProgramBatch.Source(header, cleanTexts);
        var (_, texts, _) = TwoWays.Emit(source, m => "", m => BackwardEmitter.Emit(m, fuseLoops: false));
        return TwoWays.Load(source, texts).GetType(typeName)!;
    }
}
