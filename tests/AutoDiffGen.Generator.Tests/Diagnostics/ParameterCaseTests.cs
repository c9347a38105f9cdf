using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Diagnostics;

/// <summary>
/// Random parameter lists whose names may differ only in case (x, X): where two adjoint (or, with Forward = true, tangent)
/// names meet, ADG0012 at the later parameter and no code; otherwise the Backward and Forward are right against the
/// hand derivative of a product (∂/∂p Πq = Π of the others) and central differences.
/// </summary>
public class ParameterCaseTests
{
    private static readonly string[] Pool = { "x", "X", "y", "Y", "ab", "Ab", "@double", "Double" };

    [Fact]
    public void CaseOnlyDifferences_AreDiagnosedOrDifferentiated()
    {
        var random = new Random(31203);
        int diagnosed = 0, checkedPrograms = 0;
        for (int program = 0; program < 40; program++)
        {
            var names = Pool.OrderBy(_ => random.Next()).Take(random.Next(2, 4)).ToList();
            bool forward = random.Next(2) == 0;
            string parameters = string.Join(", ", names.Select(n => "double " + n));
            string body = string.Join(" * ", names);
            string source = "using AutoDiffGen;\npublic static partial class C\n{\n    [Differentiable" + (forward ? "(Forward = true)" : "") + "] public static double F(" + parameters + ") => " + body + ";\n}\n";
            var result = GeneratorHarness.RunForLoad(source);
            Assert.True(result.Exceptions.IsEmpty, source);
            string Bare(string n) => n.TrimStart('@');
            var clashing = names.Select((n, i) => (n, i)).Where(p => names.Take(p.i).Any(q => char.ToUpperInvariant(Bare(q)[0]) + Bare(q).Substring(1) == char.ToUpperInvariant(Bare(p.n)[0]) + Bare(p.n).Substring(1))).ToList();
            if (clashing.Count > 0)
            {
                diagnosed++;
                foreach (var (n, _) in clashing)
                {
                    Assert.True(result.Diagnostics.Any(d => d.Id == "ADG0012" && d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) == "double " + n), source + "\n" + result.Dump());
                }
                Assert.DoesNotContain(result.CompileDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
                continue;
            }
            checkedPrograms++;
            result.AssertClean();
            var values = names.Select((_, i) => 1.1 + 0.3 * i).ToArray();
            var (value, gradient) = new Differentiated(GeneratorHarness.Load(result), "C", "F").Backward(values);
            Assert.Equal(values.Aggregate(1.0, (a, b) => a * b), value, 12);
            for (int i = 0; i < names.Count; i++)
            {
                double hand = values.Where((_, j) => j != i).Aggregate(1.0, (a, b) => a * b);
                Assert.True(Math.Abs(gradient[i] - hand) < 1e-12, source + " ∂/∂" + names[i] + " " + gradient[i] + " vs " + hand);
                var up = (double[])values.Clone(); up[i] += 1e-6;
                var down = (double[])values.Clone(); down[i] -= 1e-6;
                double central = (up.Aggregate(1.0, (a, b) => a * b) - down.Aggregate(1.0, (a, b) => a * b)) / 2e-6;
                Assert.True(Math.Abs(gradient[i] - central) < 1e-6, source + " central " + central);
            }
        }
        Assert.True(diagnosed >= 5 && checkedPrograms >= 5, diagnosed + " diagnosed, " + checkedPrograms + " checked");
    }
}
