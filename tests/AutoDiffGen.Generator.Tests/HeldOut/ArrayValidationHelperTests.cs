using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// A validation helper over an array (Math.NET's <c>Categorical.IsValidProbabilityMass(double[] p)</c>) returns a bool: it
/// only reads the elements, so, like a scalar validation helper (<see cref="PureHelperTests"/>), the gradient through it is
/// zero and the call runs in the forward sweep. The new held-out batch had Categorical's PMF, PMFLn and CDF diagnosed
/// (ADG0016 at the helper; PureHelperTests pinned such a helper, AnyPositive(double[]), as an error before). A helper that
/// writes into the array, or returns a real computed from it, stays an error.
/// </summary>
public class ArrayValidationHelperTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Cat
        {
            public static bool IsValidProbabilityMass(double[] p)
            {
                var sum = 0.0;
                for (int i = 0; i < p.Length; i++)
                {
                    double t = p[i];
                    if (t < 0.0 || double.IsNaN(t)) return false;
                    sum += t;
                }
                return sum > 0.0;
            }

            static int CountPositive(double[] p) { int n = 0; foreach (var v in p) if (v > 0) n++; return n; }

            [Differentiable]
            public static double PMF(double[] probabilityMass, int k)
            {
                if (!IsValidProbabilityMass(probabilityMass)) throw new ArgumentException("Invalid parametrization for the distribution.");
                if (k < 0 || k >= probabilityMass.Length) return 0.0;
                double total = 0.0;
                for (int i = 0; i < probabilityMass.Length; i++) total += probabilityMass[i];
                return probabilityMass[k] / total;
            }

            [Differentiable]
            public static double Scaled(double[] x) => CountPositive(x) * x[0] * x[1];
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Cat")!.GetMethod(name)!;

    [Fact]
    public void PMF_WithAValidationHelper()
    {
        var p = new[] { 0.5, 1.5, 2.0 };
        var r = CentralDifferenceRunner.Check(Method("PMF"), null, new object[] { p.ToArray(), 1 });
        double total = p.Sum();
        // d(p1/total)/dp_i = δ_i1/total − p1/total²
        for (int i = 0; i < p.Length; i++) Tolerance.AssertFormula((i == 1 ? 1 / total : 0) - p[1] / (total * total), r.Gradient[0]![i], "d/dp[" + i + "]");
    }

    [Fact]
    public void ACountFromTheArray_IsAnIntegerFactor()
    {
        var x = new[] { 0.5, -1.5, 2.0 };
        var r = CentralDifferenceRunner.Check(Method("Scaled"), null, new object[] { x.ToArray() });
        Tolerance.AssertFormula(2 * x[1], r.Gradient[0]![0], "d/dx0");
        Tolerance.AssertFormula(2 * x[0], r.Gradient[0]![1], "d/dx1");
        Assert.Equal(0.0, r.Gradient[0]![2]);
    }

    [Theory]
    [InlineData("static bool Check(double[] p) { p[0] = 0; return true; }", "if (!Check(x)) return 0; return x[0] * x[1];")] // writes
    [InlineData("static double Total(double[] p) { double s = 0; foreach (var v in p) s += v; return s; }", "return Total(x) * x[0];")] // a real result
    [InlineData("static bool Check(double[] p) => Keep(p); static bool Keep(object o) => o != null;", "if (!Check(x)) return 0; return x[0];")] // passed on as object
    public void AHelperThatWrites_OrReturnsAReal_IsAnError(string helper, string body)
    {
        var source = "using System;\nusing AutoDiffGen;\npublic static partial class C {\n" + helper + "\n"
            + "[Differentiable] public static double F(double[] x) { " + body + " }\n}\n";
        var result = GeneratorHarness.Run(source);
        var errors = result.Diagnostics.Where(d => d.Id.StartsWith("ADG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count > 0, result.Dump());
        Assert.DoesNotContain(result.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }
}
