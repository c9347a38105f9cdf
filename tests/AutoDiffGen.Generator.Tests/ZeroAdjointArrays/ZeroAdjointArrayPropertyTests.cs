using System.Globalization;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.FusedLoops;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.ZeroAdjointArrays;

/// <summary>
/// Property test of all-zero adjoint arrays dropped (<c>Differentiation/ZeroAdjointArrays</c>, perf19): the row-walk
/// property test's random per-point pipelines (<see cref="ReverseRowWalkPropertyTests"/>: a centring loop into <c>xc</c>, a
/// product into <c>qx</c>, a triangle over rows, a reduction; three local arrays), where <c>dXc</c> is only ever zeroed when
/// the merged row walk holds its row slot in a local, and keeps real adds otherwise (a triangle that reads above or below the
/// row, walks not merged). 1 in 5 outside what is supported: a local jagged array made in the loop (ADG0003 at it). Every
/// program that generates: value and gradient against central differences at three points and against the same model's
/// MBackward with the rule off to 1e-12 relative; the rule must never show with it off, and both sides must occur. CI runs
/// 40 programs; AUTODIFFGEN_ZERO_ARRAY_COUNT runs more.
/// </summary>
public class ZeroAdjointArrayPropertyTests(ITestOutputHelper output)
{
    /// <summary>The centred point's adjoint array is not made although the point is.</summary>
    internal static bool Dropped(string code) => code.Contains("xc[", StringComparison.Ordinal) && !ZeroAdjointArrayTests.Made(code, "dXc");

    [Fact]
    public void RandomPointPipelines_MatchCentralDifferencesAndTheRuleOff()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_ZERO_ARRAY_COUNT", 40);
        var random = new Random(20261219);
        var all = Enumerable.Range(0, count).Select(i => ReverseRowWalkPropertyTests.Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outsideOneIn: 5)).ToList();
        RuleOffCheck.Run(ReverseRowWalkPropertyTests.Header, "Rrw", all.Select(p => (p.Name, p.Text, p.Bad)).ToList(), m => BackwardEmitter.Emit(m, zeroArrays: false), Dropped,
            () => ReverseRowWalkPropertyTests.Point(random), "all-zero dXc dropped", appliedShare: 4, output.WriteLine);
    }
}
