using System.Globalization;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.ModeMix;

/// <summary>
/// Random programs mixing span views (over array parameters, local arrays and stackalloc, sliced, stored through, passed
/// to a callee), inner loops whose trip counts the reverse walk computes or tapes (bounds changed after the inner loop,
/// read from an array element written in the loop, steps changed in the body, break/continue, three deep, while/do,
/// long/uint counters, zero trips, checked), inlined local functions, lambdas and struct members, int[] initializers,
/// one-sided branches, goto case and early returns, each opting into a random set of Forward, Hessian, Jacobian and
/// Checkpoint, a quarter of them returning a pair (two Jacobian rows): every mode is judged against central differences
/// (<see cref="ModeMixJudge"/>). CI: 40 programs on the latest C# and 24 on C# 7.3, one in six just outside (a Span over
/// either of two arrays, a range copy), which must get ADG0003 at that expression and no code.
/// AUTODIFFGEN_MODEMIX_COUNT/_SEED/_LOG hunt with more (the hunt found no wrong gradient in 1,200 programs on main).
/// </summary>
public class ModeMixPropertyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("latest", 40)]
    [InlineData("7.3", 24)]
    public void MixedConstructs_EveryMode_MatchesCentralDifferences_OrAnErrorAtTheExpression(string language, int fallback)
    {
        int count = Infrastructure.ProgramBatch.Count("AUTODIFFGEN_MODEMIX_COUNT", fallback);
        int seed = Infrastructure.ProgramBatch.Count("AUTODIFFGEN_MODEMIX_SEED", 20261203);
        var random = new Random(seed);
        bool ranges = language != "7.3";
        var all = Enumerable.Range(0, count)
            .Select(i => ModeMixPrograms.Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), strict: true, outside: i % 6 == 5, ranges: ranges)).ToList();
        ModeMixJudge.RunAndAssert(all, random, language, strict: true, "AUTODIFFGEN_MODEMIX_LOG", output.WriteLine);
    }
}
