using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>A developer aid, not a check: with AUTODIFFGEN_NATURAL=1, prints what each natural program gets (diagnostics, compile errors, exceptions).</summary>
public class NaturalProbe(ITestOutputHelper output)
{
    [ProbeFact]
    public void Probe()
    {
        bool second = Environment.GetEnvironmentVariable("AUTODIFFGEN_NATURAL_SECOND") is not null;
        bool third = Environment.GetEnvironmentVariable("AUTODIFFGEN_NATURAL_THIRD") is not null;
        bool fourth = Environment.GetEnvironmentVariable("AUTODIFFGEN_NATURAL_FOURTH") is not null;
        bool fifth = Environment.GetEnvironmentVariable("AUTODIFFGEN_NATURAL_FIFTH") is not null;
        bool sixth = Environment.GetEnvironmentVariable("AUTODIFFGEN_NATURAL_SIXTH") is not null;
        bool seventh = Environment.GetEnvironmentVariable("AUTODIFFGEN_NATURAL_SEVENTH") is not null;
        foreach (var name in seventh ? NaturalSource.SeventhNames() : sixth ? NaturalSource.SixthNames() : fifth ? NaturalSource.FifthNames() : fourth ? NaturalSource.FourthNames() : third ? NaturalSource.ThirdNames() : second ? NaturalSource.SecondNames() : NaturalSource.Names())
        {
            var r = seventh ? NaturalSource.RunSeventh(name) : sixth ? NaturalSource.RunSixth(name) : fifth ? NaturalSource.RunFifth(name) : fourth ? NaturalSource.RunFourth(name) : third ? NaturalSource.RunThird(name) : second ? NaturalSource.RunSecond(name) : NaturalSource.Run(name);
            var all = r.Diagnostics.Concat(r.CompileDiagnostics).ToList();
            string status = !r.Exceptions.IsEmpty ? "CRASH" : r.CompileDiagnostics.Any(d => !d.Id.StartsWith("ADG", StringComparison.Ordinal)) ? "BROKEN" : all.Count > 0 ? "DIAGNOSED" : "BUILDS";
            output.WriteLine($"== {name}: {status}");
            foreach (var d in all) output.WriteLine("   " + d);
            foreach (var e in r.Exceptions) output.WriteLine("   " + e);
            if (Environment.GetEnvironmentVariable("AUTODIFFGEN_NATURAL") == name) output.WriteLine(r.Dump());
        }
    }

    private sealed class ProbeFactAttribute : FactAttribute
    {
        public ProbeFactAttribute()
        {
            if (Environment.GetEnvironmentVariable("AUTODIFFGEN_NATURAL") is null) Skip = "developer aid: set AUTODIFFGEN_NATURAL=1 to print what each natural program gets";
        }
    }
}
