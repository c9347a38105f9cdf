using System.Globalization;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.ModeMix;

/// <summary>
/// Random programs mixing sorts, local lists, local struct arrays and loops that read an element while something writes
/// its array (<see cref="NewConstructMixPrograms"/>), each in a random set of modes, judged against central differences
/// (<see cref="ModeMixJudge"/>); one in six just outside (a comparer sort, a second name for a struct array, Where(…)
/// .ToArray(), Insert/Remove/ToList on a list) must get its ADG error at that expression and no code.
/// AUTODIFFGEN_NEWMIX_COUNT/_SEED/_LOG hunt with more.
/// </summary>
public class NewConstructMixPropertyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("latest", 24)]
    [InlineData("7.3", 14)]
    public void NewConstructs_Mixed_EveryMode_MatchesCentralDifferences_OrAnErrorAtTheExpression(string language, int fallback)
    {
        int count = Infrastructure.ProgramBatch.Count("AUTODIFFGEN_NEWMIX_COUNT", fallback);
        int seed = Infrastructure.ProgramBatch.Count("AUTODIFFGEN_NEWMIX_SEED", 20261203);
        bool strict = Environment.GetEnvironmentVariable("AUTODIFFGEN_NEWMIX_LOOSE") is not { Length: > 0 };
        var random = new Random(seed);
        bool ranges = language != "7.3";
        var all = Enumerable.Range(0, count)
            .Select(i => NewConstructMixPrograms.Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5, ranges: ranges)).ToList();
        ModeMixJudge.RunAndAssert(all, random, language, strict, "AUTODIFFGEN_NEWMIX_LOG", output.WriteLine, NewConstructMixPrograms.Header, "ADG0002,ADG0003");
    }
}
