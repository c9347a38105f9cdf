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
}
