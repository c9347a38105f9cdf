using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
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
    [InlineData("latest", 30)]
    [InlineData("7.3", 18)]
    public void NewConstructs_Mixed_EveryMode_MatchesCentralDifferences_OrAnErrorAtTheExpression(string language, int fallback)
    {
        int count = Infrastructure.ProgramBatch.Count("AUTODIFFGEN_NEWMIX_COUNT", fallback);
        int seed = Infrastructure.ProgramBatch.Count("AUTODIFFGEN_NEWMIX_SEED", 20261203);
        bool strict = Environment.GetEnvironmentVariable("AUTODIFFGEN_NEWMIX_LOOSE") is not { Length: > 0 };
        var random = new Random(seed);
        bool ranges = language != "7.3";
        var all = Enumerable.Range(0, count)
            .Select(i => NewConstructMixPrograms.Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5, ranges: ranges)).ToList();
        Func<string, Infrastructure.GeneratorOutput>? generate = null;
        if (!ranges)
        {
            generate = source =>
            {
                var r = Compatibility.LanguageVersionHarness.Run(LanguageVersion.CSharp7_3, false, null, source);
                return new Infrastructure.GeneratorOutput(r.Generated, r.GeneratorDiagnostics, r.CompileDiagnostics, (CSharpCompilation)r.Compilation, System.Collections.Immutable.ImmutableArray<Exception>.Empty);
            };
        }
        var outcome = ModeMixJudge.Run(all, random, generate, strict, NewConstructMixPrograms.Header, "ADG0002,ADG0003");
        string summary = $"{count} programs: {outcome.Generated} generated, {outcome.Points} points, {outcome.Diagnosed} diagnosed ("
            + string.Join(", ", outcome.DiagnosisIds.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + " " + p.Value)) + ")";
        output.WriteLine(summary);
        if (Environment.GetEnvironmentVariable("AUTODIFFGEN_NEWMIX_LOG") is { Length: > 0 } log)
        {
            File.WriteAllText(log + "." + language, summary + "\n\nFAULTS\n" + string.Join("\n\n", outcome.Faults) + "\n\nDIAGNOSES\n" + string.Join("\n\n", ModeMixJudge.Diagnoses));
        }
        Assert.True(outcome.Faults.Count == 0, summary + "\n" + string.Join("\n\n", outcome.Faults.Take(5)));
        Assert.True(outcome.Diagnosed == all.Count(p => p.Bad is not null) && outcome.Points == 3 * outcome.Generated, summary);
    }
}
