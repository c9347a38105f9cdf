using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// A plain helper (not [Differentiable], so inlined where it is called) that returns two results through <c>out</c>, called with
/// an <c>out _</c> or <c>out double _</c> discard for the one the caller does not need. The second held-out check (Meta.Numerics,
/// docs/corpus.md) met it in the regularized incomplete gamma functions, <c>P(a, x, out double p, out _)</c>, under MarcumQ's
/// series: the discard was ADG0003 ("a ref or out argument that is not a local"), though nothing of the caller receives it.
/// The discarded parameter is now the inlined body's own variable. Each case is checked against central differences and a
/// hand derivative, in reverse, forward and Hessian mode; an <c>out</c> argument that is an array element stays ADG0003 at it.
/// </summary>
public class OutDiscardHelperTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Discards
        {
            // Unmarked helpers, as a library's private ones are: q = e^(-x/a), p = 1 - q.
            static void SplitExp(double a, double x, out double p, out double q)
            {
                q = Math.Exp(-x / a);
                p = 1 - q;
            }

            static void SinCos(double x, out double s, out double c)
            {
                if (x > 0) { s = Math.Sin(x); c = Math.Cos(x); }
                else { s = x; c = 1 - x * x / 2; }
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Upper(double a, double x) { SplitExp(a, x, out _, out double q); return q; }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Lower(double a, double x) { SplitExp(a, x, out double p, out _); return p * x; }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Typed(double x) { SinCos(x, out double _, out double c); return c * x; }

            // Called in a loop: every call's discarded value stays inside that call.
            [Differentiable(Forward = true, Hessian = true)]
            public static double InALoop(double a, double x)
            {
                double s = 0;
                for (int k = 1; k <= 3; k++)
                {
                    SplitExp(a * k, x, out _, out double q);
                    s += q;
                }
                return s;
            }

            public static double[] UpperH(double a, double x) { var h = new double[4]; UpperHessian(a, x, h); return h; }
            public static double[] LowerH(double a, double x) { var h = new double[4]; LowerHessian(a, x, h); return h; }
            public static double[] TypedH(double x) { var h = new double[1]; TypedHessian(x, h); return h; }
            public static double[] InALoopH(double a, double x) { var h = new double[4]; InALoopHessian(a, x, h); return h; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type Type => Compiled.Value.GetType("Discards")!;

    [Theory]
    [InlineData(1.5, 0.7)]
    [InlineData(0.4, 2.0)]
    public void DiscardedFirstResult(double a, double x)
    {
        var result = CentralDifferenceRunner.Check(Type.GetMethod("Upper")!, null, new object[] { a, x });
        double q = Math.Exp(-x / a);
        Tolerance.AssertFormula(q * x / (a * a), result.Gradient[0]![0], "d/da");
        Tolerance.AssertFormula(-q / a, result.Gradient[1]![0], "d/dx");
        ModeChecks.AtPoint(Type, "Upper", new object[] { a, x }, new Random(1));
    }

    [Theory]
    [InlineData(1.5, 0.7)]
    [InlineData(0.4, 2.0)]
    public void DiscardedSecondResult(double a, double x)
    {
        var result = CentralDifferenceRunner.Check(Type.GetMethod("Lower")!, null, new object[] { a, x });
        double q = Math.Exp(-x / a);
        // (1 - q)·x
        Tolerance.AssertFormula(-x * x * q / (a * a), result.Gradient[0]![0], "d/da");
        Tolerance.AssertFormula(1 - q + x * q / a, result.Gradient[1]![0], "d/dx");
        ModeChecks.AtPoint(Type, "Lower", new object[] { a, x }, new Random(2));
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(-0.6)]
    public void TypedDiscard_OnEitherBranch(double x)
    {
        var result = CentralDifferenceRunner.Check(Type.GetMethod("Typed")!, null, new object[] { x });
        double expected = x > 0 ? Math.Cos(x) - x * Math.Sin(x) : 1 - 1.5 * x * x;
        Tolerance.AssertFormula(expected, result.Gradient[0]![0], "d/dx");
        ModeChecks.AtPoint(Type, "Typed", new object[] { x }, new Random(3));
    }

    [Fact]
    public void DiscardInALoop()
    {
        double a = 0.9, x = 1.3;
        var result = CentralDifferenceRunner.Check(Type.GetMethod("InALoop")!, null, new object[] { a, x });
        double da = 0, dx = 0;
        for (int k = 1; k <= 3; k++)
        {
            double q = Math.Exp(-x / (a * k));
            da += q * x / (a * a * k);
            dx -= q / (a * k);
        }
        Tolerance.AssertFormula(da, result.Gradient[0]![0], "d/da");
        Tolerance.AssertFormula(dx, result.Gradient[1]![0], "d/dx");
        ModeChecks.AtPoint(Type, "InALoop", new object[] { a, x }, new Random(4));
    }

    /// <summary>The inlined discards' generated code builds with no diagnostic from C# 7.3 (no nullable) to the latest (nullable).</summary>
    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, false)]
    [InlineData(LanguageVersion.Latest, true)]
    public void GeneratedCode_CompilesCleanInOldAndNewLanguageVersions(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.NotEmpty(result.Generated);
    }

    /// <summary>Just outside: an out argument that is an array element is still not a variable the inlined body can stand for.</summary>
    [Fact]
    public void AnArrayElementOutArgument_IsStillAnErrorAtIt()
    {
        // (An element of a double[] is the slot itself since idioms15a: Idioms15a/GenericRefHelperTests. A 2-D one is not.)
        const string argument = "out v[0, 0]";
        var source = """
            using System;
            using AutoDiffGen;
            public static partial class C
            {
                static void SplitExp(double a, double x, out double p, out double q) { q = Math.Exp(-x / a); p = 1 - q; }
                [Differentiable]
                public static double F(double a, double x) { var v = new double[1, 1]; SplitExp(a, x, out _, out v[0, 0]); return v[0, 0]; }
            }
            """;
        var result = GeneratorHarness.Run(source);
        var error = Assert.Single(result.Diagnostics, d => d.Id == "ADG0003" && d.Severity == DiagnosticSeverity.Error);
        // Reported at the call that is given it (as every refused argument of an inlined call is), naming the argument.
        Assert.Equal("SplitExp(a, x, out _, " + argument + ")", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.Contains("'" + argument + "'", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }
}
