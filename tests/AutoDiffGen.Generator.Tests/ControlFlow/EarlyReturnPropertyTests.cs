using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// Property test for early returns: random nests of returns in ifs, switches and loops (EarlyReturnPrograms).
/// Every program inside what is supported must generate, return the method's own value, and match central
/// differences at points on every path (k = 0, 1, 2); every program with a rejected construct must get an ADG
/// error and no code. A dropped return shows up as a wrong value, not only a wrong gradient.
/// CI runs 300 programs; AUTODIFFGEN_EARLYRETURN_COUNT runs more.
/// </summary>
public class EarlyReturnPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void EarlyReturns_GiveTheMethodsValueAndGradient_OrAnError()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_EARLYRETURN_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 300;
        var programs = new EarlyReturnPrograms(20261201);
        var all = Enumerable.Range(0, count).Select(i => programs.Next("P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 10 == 9)).ToList();

        var run = GeneratorHarness.Run(Source(all));
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var errors = run.GeneratorDiagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var lines = LineRanges(all);
        var clean = new List<EarlyReturnPrograms.Program>();
        int diagnosed = 0;
        foreach (var p in all)
        {
            var (from, to) = lines[p.Name];
            var mine = errors.Where(d => d.Location.GetLineSpan().StartLinePosition.Line is int l && l >= from && l <= to).ToList();
            bool generated = run.Generated.Keys.Any(k => k.Contains("." + p.Name + "_", StringComparison.Ordinal));
            if (p.Outside)
            {
                Assert.True(mine.Count > 0 && mine.All(d => d.Id.StartsWith("ADG", StringComparison.Ordinal)) && !generated,
                    p.Name + " holds a rejected construct but got " + (mine.Count == 0 ? "no error" : string.Join("; ", mine)) + ":\n" + p.Text);
                diagnosed++;
                continue;
            }
            Assert.True(mine.Count == 0 && generated, p.Name + " should generate cleanly:\n" + string.Join("\n", mine) + "\n" + p.Text);
            clean.Add(p);
        }
        Assert.DoesNotContain(errors, d => !lines.Values.Any(r => d.Location.GetLineSpan().StartLinePosition.Line >= r.From && d.Location.GetLineSpan().StartLinePosition.Line <= r.To));

        // The rejected programs are left out so the rest can be emitted.
        var cleanRun = GeneratorHarness.RunForLoad(Source(clean));
        var assembly = GeneratorHarness.Load(cleanRun);
        var type = assembly.GetType("EarlyReturns")!;
        var random = new Random(7);
        int checkedPoints = 0;
        foreach (var p in clean)
        {
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            for (int k = 0; k < 3; k++)
            {
                var point = new object[] { Away(random), Away(random), k };
                try
                {
                    CentralDifferenceRunner.Check(method, null, point);
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", point) + " threw " + e + "\n" + p.Text);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", point) + ": " + e.Message + "\n" + p.Text +
                        "\n" + cleanRun.Generated.First(g => g.Key.Contains("." + p.Name + "_", StringComparison.Ordinal)).Value);
                }
                checkedPoints++;
            }
        }
        output.WriteLine($"{count} programs: {clean.Count} generated and checked at {checkedPoints} points, {diagnosed} diagnosed");
        Assert.True(diagnosed > 0 && clean.Count > count / 2);
    }

    /// <summary>A value in (-2, 2) at least 0.05 from every branch threshold.</summary>
    private static double Away(Random random)
    {
        while (true)
        {
            double v = Math.Round(random.NextDouble() * 4 - 2, 4);
            if (EarlyReturnPrograms.Thresholds.All(t => Math.Abs(v - t) > 0.05)) return v;
        }
    }

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class EarlyReturns\n{\n";

    private static string Source(List<EarlyReturnPrograms.Program> programs) =>
        Header + string.Concat(programs.Select(p => p.Text + "\n")) + "}\n";

    /// <summary>The zero-based line range of each program in <see cref="Source"/>.</summary>
    private static Dictionary<string, (int From, int To)> LineRanges(List<EarlyReturnPrograms.Program> programs)
    {
        var ranges = new Dictionary<string, (int, int)>();
        int line = Header.Count(c => c == '\n');
        foreach (var p in programs)
        {
            int lines = p.Text.Count(c => c == '\n');
            ranges[p.Name] = (line, line + lines - 1);
            line += lines + 1;
        }
        return ranges;
    }
}
