using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms15a;

/// <summary>
/// Issue 13, idioms15a item 1: a recursive plain helper called with constant int arguments is unrolled where it is
/// called, a level per call, each level's int parameters folded so that its conditions choose the branch C# takes, and
/// each level with bindings of its own (a level reading its parameter after the recursive call reads its own value).
/// Each by hand and against central differences, in Backward, Forward and Hessian mode.
/// </summary>
public class RecursiveHelperTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static class H
        {
            public const int Three = 3;

            public static double Pow(double x, int n) => n == 0 ? 1 : x * Pow(x, n - 1);

            public static double PowBlock(double x, int n)
            {
                if (n <= 0) return 1;
                double rest = PowBlock(x, n - 1);
                return x * rest;
            }

            // Reads n after the recursive call: each level must read its own n.
            public static double PowPlusN(double x, int n) => n == 0 ? 1 : x * PowPlusN(x, n - 1) + n;

            // Two recursive calls per level: F(0) = 1, F(1) = x, F(n) = x F(n - 1) + F(n - 2).
            public static double Fib(double x, int n) => n < 2 ? (n == 0 ? 1 : x) : x * Fib(x, n - 1) + Fib(x, n - 2);

            // Two helpers calling each other: Even(x, n) = n == 0 ? 1 : x * Odd(x, n - 1), Odd(x, n) = Math.Sin(x) * Even(x, n - 1) + n.
            public static double Even(double x, int n) => n == 0 ? 1 : x * Odd(x, n - 1);

            public static double Odd(double x, int n)
            {
                double s = Math.Sin(x);
                double e = Even(x, n - 1);
                return s * e + n;
            }

            // A local of each level, read after the call.
            public static double Horner(double x, double c, int n)
            {
                if (n == 0) return c;
                double here = c * n;
                double inner = Horner(x, c * 0.5, n - 1);
                return here + x * inner;
            }
        }

        public static partial class Rec
        {
            // x^3: 3x^2, 6x.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Cube(double x) => H.Pow(x, 3);

            // x^5 through a const and a folded argument: 5x^4.
            [Differentiable]
            public static double Fifth(double x) => H.PowBlock(x, H.Three + 2);

            [Differentiable(Forward = true, Hessian = true)]
            public static double PlusN(double x) => H.PowPlusN(x, 3);

            [Differentiable(Forward = true, Hessian = true)]
            public static double Fib4(double x) => H.Fib(x, 4);

            [Differentiable(Forward = true, Hessian = true)]
            public static double Mutual(double x) => H.Even(x, 4);

            [Differentiable]
            public static double HornerOf(double x, double c) => H.Horner(x, c, 2);

            // Called twice with different depths, and once with depth 0.
            [Differentiable]
            public static double Twice(double x, double y) => H.Pow(x, 2) * H.Pow(y, 1) + H.Pow(x + y, 0);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Rec")!.GetMethod(name)!;

    private delegate double Forward1(double x, double tX, out double tResult);

    private delegate double Hessian1(double x, Span<double> hessian);

    /// <summary>Backward by hand and central differences; Forward (tangent 0.6) and Hessian by hand.</summary>
    private static void Check(string name, double x, double value, double first, double second)
    {
        var r = CentralDifferenceRunner.Check(Get(name), null, new object[] { x });
        Tolerance.AssertFormula(value, r.Value, name + " value");
        Tolerance.AssertFormula(first, r.Gradient[0]![0], "d" + name + "/dx");
        if (Get(name + "Forward") is null) return;
        Get(name + "Forward").CreateDelegate<Forward1>()(x, 0.6, out double t);
        Tolerance.AssertFormula(0.6 * first, t, name + "Forward");
        var h = new double[1];
        Get(name + "Hessian").CreateDelegate<Hessian1>()(x, h);
        Tolerance.AssertFormula(second, h[0], name + "Hessian");
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void PowOfAConstantDepth_ByHandInEveryMode(double x) => Check("Cube", x, x * x * x, 3 * x * x, 6 * x);

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void ABlockBodyWithAnEarlyReturn_AndAFoldedConstArgument(double x)
    {
        var r = CentralDifferenceRunner.Check(Get("Fifth"), null, new object[] { x });
        Tolerance.AssertFormula(Math.Pow(x, 5), r.Value, "Fifth");
        Tolerance.AssertFormula(5 * Math.Pow(x, 4), r.Gradient[0]![0], "dFifth/dx");
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void EachLevelReadsItsOwnParameterAfterTheRecursiveCall(double x)
    {
        // P0 = 1, P1 = x + 1, P2 = x(x + 1) + 2 = x² + x + 2, P3 = x(x² + x + 2) + 3 = x³ + x² + 2x + 3.
        Check("PlusN", x, (x * x * x) + (x * x) + (2 * x) + 3, (3 * x * x) + (2 * x) + 2, (6 * x) + 2);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void TwoRecursiveCallsPerLevel(double x)
    {
        // F0 = 1, F1 = x, F2 = x² + 1, F3 = x³ + x + x = x³ + 2x, F4 = x⁴ + 2x² + x² + 1 = x⁴ + 3x² + 1.
        Check("Fib4", x, Math.Pow(x, 4) + (3 * x * x) + 1, (4 * x * x * x) + (6 * x), (12 * x * x) + 6);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void TwoHelpersCallingEachOther(double x)
    {
        // E0 = 1; O1 = sin·E0 + 1 = s + 1; E2 = x(s + 1); O3 = s·x(s + 1) + 3; E4 = x(s x (s + 1) + 3) = x²s² + x²s + 3x.
        double s = Math.Sin(x), c = Math.Cos(x);
        double value = (x * x * s * s) + (x * x * s) + (3 * x);
        double first = (2 * x * s * s) + (2 * x * x * s * c) + (2 * x * s) + (x * x * c) + 3;
        double second = (2 * s * s) + (8 * x * s * c) + (2 * x * x * ((c * c) - (s * s))) + (2 * s) + (4 * x * c) - (x * x * s);
        Check("Mutual", x, value, first, second);
    }

    [Theory]
    [InlineData(0.7, 1.5)]
    [InlineData(-1.3, -0.4)]
    public void ALocalOfEachLevel_ReadAfterTheCall(double x, double c)
    {
        // H0(c) = c; H1(c) = c + x·(c/2); H2(c) = 2c + x·H1(c/2) = 2c + x(c/2 + x c/4).
        var r = CentralDifferenceRunner.Check(Get("HornerOf"), null, new object[] { x, c });
        Tolerance.AssertFormula((2 * c) + (x * ((c / 2) + (x * c / 4))), r.Value, "HornerOf");
        Tolerance.AssertFormula((c / 2) + (x * c / 2), r.Gradient[0]![0], "dHornerOf/dx");
        Tolerance.AssertFormula(2 + (x / 2) + (x * x / 4), r.Gradient[1]![0], "dHornerOf/dc");
    }

    [Theory]
    [InlineData(0.7, 1.5)]
    [InlineData(-1.3, -0.4)]
    public void CalledTwiceAtDifferentDepths(double x, double y)
    {
        // x² y + 1.
        var r = CentralDifferenceRunner.Check(Get("Twice"), null, new object[] { x, y });
        Tolerance.AssertFormula((x * x * y) + 1, r.Value, "Twice");
        Tolerance.AssertFormula(2 * x * y, r.Gradient[0]![0], "dTwice/dx");
        Tolerance.AssertFormula(x * x, r.Gradient[1]![0], "dTwice/dy");
    }
}
