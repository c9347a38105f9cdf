using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Integration rules and root finders take a delegate. A call whose lambda reads nothing of the method
/// (<c>c * FindRoot(x =&gt; x * x - 2.0, 0, 10)</c>) is a constant, like any other call whose arguments carry no gradient;
/// the held-out numerics check had ADG0003 at such a lambda. The lambda is written again with fresh parameter names,
/// so it never shadows a name of the generated method (C# 7.3 refuses the shadowing). A lambda that reads the method's values stays
/// an error: ADG0004 when they carry a gradient (the rule has no derivative), ADG0003 otherwise.
/// </summary>
public class ConstantLambdaTests
{
    private const string Rules = """
        using System;

        public static class Rules
        {
            public static double Simpson(Func<double, double> f, double a, double b, int n)
            {
                double h = (b - a) / n, s = f(a) + f(b);
                for (int i = 1; i < n; i++) s += (i % 2 == 1 ? 4 : 2) * f(a + i * h);
                return s * h / 3;
            }

            public static double Bisect(Func<double, double> f, double lo, double hi)
            {
                for (int i = 0; i < 200; i++)
                {
                    double mid = 0.5 * (lo + hi);
                    if (Math.Sign(f(mid)) == Math.Sign(f(lo))) lo = mid; else hi = mid;
                }
                return 0.5 * (lo + hi);
            }

            public static double Twice(Func<double, double, double> g, double u) => g(u, u);
        }
        """;

    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Uses
        {
            [Differentiable] public static double ScaledIntegral(double a) => a * Rules.Simpson(x => x * x, 0.0, 1.0, 64);
            [Differentiable] public static double ScaledRoot(double c) => c * Rules.Bisect(x => x * x - 2.0, 0.0, 10.0);
            // The lambda's parameter has a name the generated code uses too ('value'); Math is written with global:: there.
            [Differentiable] public static double SameName(double x) => Math.Sin(x) * Rules.Simpson(value => Math.Exp(-value * value), 0.0, 1.0, 64);
            [Differentiable] public static double TwoParameters(double y) => y * y * Rules.Twice((p, q) => p * q + 1.0, 3.0);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Rules, Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Uses")!.GetMethod(name)!;

    [Fact]
    public void ScaledIntegral_IsTheIntegralTimesTheScale()
    {
        var r = CentralDifferenceRunner.Check(Method("ScaledIntegral"), null, new object[] { 1.7 });
        Assert.Equal(1.0 / 3.0, r.Gradient[0]![0], 10); // Simpson is exact for x²
    }

    [Fact]
    public void ScaledRoot_IsTheRootTimesTheScale()
    {
        var r = CentralDifferenceRunner.Check(Method("ScaledRoot"), null, new object[] { 0.8 });
        Assert.Equal(Math.Sqrt(2), r.Gradient[0]![0], 10);
    }

    [Fact]
    public void ALambdaParameterNamedLikeAGeneratedLocal()
    {
        double x = 0.4;
        var r = CentralDifferenceRunner.Check(Method("SameName"), null, new object[] { x });
        double integral = 0.746824132812427; // ∫₀¹ e^(−t²) dt
        Assert.Equal(Math.Cos(x) * integral, r.Gradient[0]![0], 7);
    }

    [Fact]
    public void TwoParameters()
    {
        var r = CentralDifferenceRunner.Check(Method("TwoParameters"), null, new object[] { 1.5 });
        Assert.Equal(2 * 1.5 * 10.0, r.Gradient[0]![0], 10);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, false)]
    [InlineData(LanguageVersion.Latest, true)]
    public void CompilesAtEveryLanguageVersion(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Rules, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(4, result.Generated.Count);
    }

    [Theory]
    [InlineData("a * Rules.Simpson(x => a * x, 0.0, 1.0, 8)")] // reads the input: the rule has no derivative
    [InlineData("a * Rules.Simpson(x => { double y = x * x; return y; }, 0.0, 1.0, 8)")] // a statement body
    [InlineData("a * Rules.Simpson(x => k * x, 0.0, 1.0, 8)")] // reads a local of the method
    public void ALambdaThatReadsTheMethod_OrHasStatements_IsAnError(string expression)
    {
        var source = "using System;\nusing AutoDiffGen;\npublic static partial class C {\n"
            + "[Differentiable] public static double F(double a) { double k = 2.0; return " + expression + "; }\n}\n";
        var result = GeneratorHarness.Run(Rules, source);
        var errors = result.Diagnostics.Where(d => d.Id.StartsWith("ADG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count > 0, result.Dump());
        Assert.DoesNotContain(result.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }
}
