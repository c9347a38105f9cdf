using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.NoDiffMethods;

/// <summary>
/// A method-level [NoDiff] method with a ref/out argument that carries no gradient (issue 13, idioms13b): a <c>ref int</c>
/// counter, a <c>ref double</c> that does not depend on the inputs. Its body is run in place so that what it leaves in the
/// argument is known; its value and that argument are constants (no gradient through them), even where it reads a value
/// that carries one by value. Checked by hand and by central differences, forward and Hessian modes against them. A ref
/// argument that does carry a gradient stays ADG0016 (NoDiffMethodRefusalTests, and below with a counter beside it).
/// </summary>
public class NoDiffRefArgumentTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static class U
        {
            [NoDiff] public static double Count(ref int k, double v) { k++; return v * 2; }
            [NoDiff] public static double Bump(ref double s) { s += 1; return s; }
            [NoDiff] public static void Tick(ref int k) => k += 3;
            [NoDiff] public static bool TryRound(double v, out double rounded) { rounded = Math.Round(v * v); return v > 0; }
        }

        public static partial class Net
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Counter(double x)
            {
                int k = 1;
                double c = U.Count(ref k, 3.0);
                U.Tick(ref k);
                return x * x * c * k;
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double ConstantDouble(double x)
            {
                double s = 2;
                double b = U.Bump(ref s);
                return x * b * s;
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double ReadsAGradient(double x)
            {
                int k = 0;
                double c = U.Count(ref k, x * x);
                return c * x + k * x;
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double OutOfAGradient(double x) => U.TryRound(x, out var r) ? r * x : x;

            public static double[] CounterH(double x) { var h = new double[1]; CounterHessian(x, h); return h; }
            public static double[] ConstantDoubleH(double x) { var h = new double[1]; ConstantDoubleHessian(x, h); return h; }
            public static double[] ReadsAGradientH(double x) { var h = new double[1]; ReadsAGradientHessian(x, h); return h; }
        }
        """;

    private static readonly Lazy<Type> Net = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("Net", throwOnError: true)!);

    [Theory]
    [InlineData(0.9)]
    [InlineData(-1.4)]
    public void ACounterByRef_IsAConstantCall(double x)
    {
        // k: 1 → 2 (Count) → 5 (Tick); c = 6: f = 30x², f' = 60x, f'' = 60.
        var r = CentralDifferenceRunner.Check(Net.Value.GetMethod("Counter")!, null, new object[] { x });
        Tolerance.AssertFormula(30 * x * x, r.Value, "f");
        Tolerance.AssertFormula(60 * x, r.Gradient[0]![0], "d/dx");
        ModeChecks.AtPoint(Net.Value, "Counter", new object[] { x }, new Random(1));
        Tolerance.AssertFormula(60, ((double[])Net.Value.GetMethod("CounterH")!.Invoke(null, new object[] { x })!)[0], "d²/dx²");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-2.0)]
    public void ARefDoubleWithNoGradient_IsAConstantCall(double x)
    {
        // s: 2 → 3, b = 3: f = 9x, f' = 9, f'' = 0.
        var r = CentralDifferenceRunner.Check(Net.Value.GetMethod("ConstantDouble")!, null, new object[] { x });
        Tolerance.AssertFormula(9 * x, r.Value, "f");
        Tolerance.AssertFormula(9, r.Gradient[0]![0], "d/dx");
        ModeChecks.AtPoint(Net.Value, "ConstantDouble", new object[] { x }, new Random(2));
        Tolerance.AssertFormula(0, ((double[])Net.Value.GetMethod("ConstantDoubleH")!.Invoke(null, new object[] { x })!)[0], "d²/dx²");
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.1)]
    public void AValueWithAGradientReadByValue_IsCut(double x)
    {
        // [NoDiff] is a stop-gradient: c = 2x² is a constant c0 at the point, k = 1. f = c0·x + x, so f' = c0 + 1 = 2x² + 1
        // (not the 6x² + 1 of differentiating through c), f'' = 0. Central differences see the function, so this is hand only.
        var backward = Net.Value.GetMethod("ReadsAGradientBackward")!;
        var args = new object[] { x, 0.0, 1.0 };
        double value = (double)backward.Invoke(null, args)!;
        Tolerance.AssertFormula(2 * x * x * x + x, value, "f");
        Tolerance.AssertFormula(2 * x * x + 1, (double)args[1], "d/dx");
        var forward = Net.Value.GetMethod("ReadsAGradientForward")!;
        var fargs = new object[] { x, 1.0, 0.0 };
        forward.Invoke(null, fargs);
        Tolerance.AssertFormula(2 * x * x + 1, (double)fargs[2], "tangent");
        Tolerance.AssertFormula(0, ((double[])Net.Value.GetMethod("ReadsAGradientH")!.Invoke(null, new object[] { x })!)[0], "d²/dx²");
    }

    [Theory]
    [InlineData(1.3, 2.0)]
    [InlineData(-0.4, 0.0)]
    public void AnOutValueComputedFromAGradient_IsAConstant(double x, double slope)
    {
        // x > 0: r = round(x²), a constant: f = r·x, f' = r (= 2 at 1.3: round(1.69)); x ≤ 0: f = x, f' = 1... at -0.4 the
        // helper fails and f = x: slope 1. The table gives the by-hand slope where the helper succeeds.
        var backward = Net.Value.GetMethod("OutOfAGradientBackward")!;
        var args = new object[] { x, 0.0, 1.0 };
        backward.Invoke(null, args);
        Tolerance.AssertFormula(x > 0 ? slope : 1, (double)args[1], "d/dx");
        // Central differences agree away from a rounding step.
        CentralDifferenceRunner.Check(Net.Value.GetMethod("OutOfAGradient")!, null, new object[] { x });
    }

    [Fact]
    public void ARefArgumentWithAGradient_BesideACounter_IsStillADG0016()
    {
        const string source = """
            using System;
            using AutoDiffGen;
            public static class U { [NoDiff] public static double Both(ref int k, ref double v) { k++; v *= 2; return v; } }
            public static partial class Net
            {
                [Differentiable(Forward = true)]
                public static double F(double x) { int k = 0; double y = x * x; double c = U.Both(ref k, ref y); return c * x + k; }
            }
            """;
        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.Exceptions);
        Assert.Empty(result.CompileDiagnostics);
        var error = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0016", error.Id);
        Assert.Equal("y", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("Net.F", StringComparison.Ordinal));
    }
}
