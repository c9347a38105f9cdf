using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// foreach over a local array and over a slice of one (<c>t[1..]</c>, <c>t.AsSpan(1, 2)</c>): the same loop over its
/// index range as over a parameter, each element an element gate of the array as the iteration starts (stores in the
/// body and calls that write the array are seen). By hand and against central differences.
/// </summary>
public class ForEachLocalTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Fl
        {
            [Differentiable]
            public static double Tail(double x, double y) { double[] t = { x, y, x * y }; double s = 0; foreach (var v in t[1..]) s += v * v; return s; }

            [Differentiable]
            public static double Whole(double[] a, double w)
            {
                double[] t = new double[a.Length];
                for (int i = 0; i < a.Length; i++) t[i] = w * a[i];
                double s = 0;
                foreach (var v in t) s += Math.Sin(v);
                return s;
            }

            [Differentiable]
            public static double Mid(double x, double y) { double[] t = [x, y, x + y, 3 * x]; double s = 1; foreach (var v in t.AsSpan(1, 2)) s *= v; return s; }

            // The array before the loop carries no gradient; the body writes one into it.
            [Differentiable]
            public static double WrittenInTheLoop(double x)
            {
                double[] t = new double[2];
                t[0] = 1;
                double s = 0;
                foreach (var v in t) { t[1] = x * v + x; s += v; }
                return s;
            }

            [Differentiable] public static void Subtract(double[] a, double[] b, double[] r) { for (int i = 0; i < a.Length; i++) r[i] = a[i] - b[i]; }

            [Differentiable]
            public static double WrittenByACall(double[] x, double[] mu)
            {
                double[] d = new double[x.Length];
                Subtract(x, mu, d);
                double s = 0;
                foreach (var v in d[..]) s += v * v;
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo M(string name) => Compiled.Value.GetType("Fl")!.GetMethod(name)!;

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-2.0, 0.4)]
    public void SliceOfALocal_ByHand(double x, double y)
    {
        // s = y² + x²y².
        var args = new object[] { x, y, 0.0, 0.0, 1.0 };
        double value = (double)M("TailBackward").Invoke(null, args)!;
        Tolerance.AssertFormula(y * y + x * x * y * y, value);
        Tolerance.AssertFormula(2 * x * y * y, (double)args[2], "dx");
        Tolerance.AssertFormula(2 * y + 2 * x * x * y, (double)args[3], "dy");
        CentralDifferenceRunner.Check(M("Tail"), null, new object[] { x, y });
    }

    [Fact]
    public void WholeLocal_CentralDifferences() =>
        CentralDifferenceRunner.Check(M("Whole"), null, new object[] { new[] { 0.3, -1.1, 2.2 }, 0.8 });

    [Fact]
    public void SpanOfALocal_ByHand()
    {
        // s = y·(x + y).
        var args = new object[] { 1.5, -0.5, 0.0, 0.0, 1.0 };
        M("MidBackward").Invoke(null, args);
        Tolerance.AssertFormula(-0.5, (double)args[2], "dx");
        Tolerance.AssertFormula(1.5 + 2 * -0.5, (double)args[3], "dy");
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(-1.7)]
    public void AnArrayWrittenInTheLoop_IsReadAsTheIterationFindsIt(double x)
    {
        // v₀ = 1, t₁ = 2x; v₁ = 2x: s = 1 + 2x, ds/dx = 2.
        var args = new object[] { x, 0.0, 1.0 };
        double value = (double)M("WrittenInTheLoopBackward").Invoke(null, args)!;
        Tolerance.AssertFormula(1 + 2 * x, value);
        Tolerance.AssertFormula(2.0, (double)args[1], "dx");
    }

    [Fact]
    public void ALocalWrittenByACall_IsTwiceTheDifference()
    {
        var x = new[] { 0.5, 2.0 };
        var mu = new[] { -0.25, 1.0 };
        var dX = new double[2];
        var dMu = new double[2];
        M("WrittenByACallBackward").Invoke(null, new object[] { x, mu, dX, dMu, 1.0 });
        Tolerance.AssertFormula(1.5, dX[0], "dx0");
        Tolerance.AssertFormula(2.0, dX[1], "dx1");
        Tolerance.AssertFormula(-1.5, dMu[0], "dmu0");
        Tolerance.AssertFormula(-2.0, dMu[1], "dmu1");
    }
}
