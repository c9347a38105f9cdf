using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ArrayWrites;

/// <summary>
/// The three issue-12 savings, each where it applies and where it must not, checked by hand-derived values and central
/// differences: a spare array instead of a copy for a callee that writes each element before reading it (and the copy
/// kept for one that reads first), an element of a never-written parameter read again in the reverse sweep (and taped
/// when the method writes the array after the read), and the add-only sink as the adjoint of a constant slice.
/// </summary>
public class SpareAndRereadTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;
        namespace Spare
        {
            public static partial class C
            {
                [Differentiable]
                public static void Centre(int d, ReadOnlySpan<double> x, ReadOnlySpan<double> mu, double[] output)
                {
                    for (int i = 0; i < d; i++) output[i] = x[i] - mu[i];
                }

                // Reads output[0] before writing it: its Backward needs what the caller's array held.
                [Differentiable]
                public static void Scale(int d, ReadOnlySpan<double> x, double[] output)
                {
                    output[0] = output[0] * x[0];
                    for (int i = 1; i < d; i++) output[i] = x[i] * x[i];
                }

                [Differentiable]
                public static double SquaredNorm(int d, ReadOnlySpan<double> x)
                {
                    double s = 0;
                    for (int i = 0; i < d; i++) s += x[i] * x[i];
                    return s;
                }

                // Σ_points |p − mu|²: one local array overwritten per point by Centre.
                [Differentiable]
                public static double Spread(double[] mu, [NoDiff] double[] points)
                {
                    int d = mu.Length;
                    var t = new double[d];
                    double s = 0;
                    for (int p = 0; p < points.Length / d; p++)
                    {
                        Centre(d, points.AsSpan(p * d), mu, t);
                        s += SquaredNorm(d, t);
                    }
                    return s;
                }

                // t[0] = (seed · x0); t[1] = x1²; Σ t² per round, where seed is what t held: the copy is needed.
                [Differentiable]
                public static double Rounds(double[] x, double seed)
                {
                    var t = new double[2];
                    double s = 0;
                    for (int k = 0; k < 2; k++)
                    {
                        t[0] = seed + k;
                        Scale(2, x, t);
                        s += t[0] * t[0] + t[1];
                    }
                    return s;
                }

                // Spans do not go through reflection: this calls the generated Backward with arrays.
                public static double SquaredNormThroughArrays(double[] x, double[] dX) => SquaredNormBackward(x.Length, x, dX);

                // Σ a[i]², then a[0] is overwritten: a's elements must stay taped.
                [Differentiable]
                public static double SquaresThenWrite(double[] a)
                {
                    double s = 0;
                    for (int i = 0; i < a.Length; i++) s += a[i] * a[i];
                    a[0] = s;
                    return s;
                }
            }
        }
        """;

    private static readonly Lazy<GeneratorOutput> Generated = new(() => GeneratorHarness.RunForLoad(Source));

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.Load(Generated.Value).GetType("Spare.C")!);

    private static string Code(string method) => Generated.Value.Generated.First(kv => kv.Key.Contains(".C." + method + "_", StringComparison.Ordinal)).Value;

    private static MethodInfo M(string name) => Compiled.Value.GetMethod(name)!;

    [Fact]
    public void TheSourceGeneratesCleanly()
    {
        Assert.Empty(Generated.Value.Exceptions);
        Assert.Empty(Generated.Value.GeneratorDiagnostics);
        Assert.Empty(Generated.Value.CompileDiagnostics);
    }

    [Fact]
    public void ACalleeThatWritesFirst_GetsASpareArray_AndTheGradientIsTwiceTheSumOfOffsets()
    {
        string code = Code("Spread");
        // Centre's output gets the spare; the one copy left is SquaredNorm's input, which the next point overwrites
        // (in the loop both go on their sites' ArrayTapes: the spare's length, the copy's contents).
        Assert.Contains(".PushLength(", code, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(code, @"SeenArrays\.Push\("));
        // The constant slice's adjoint is the add-only sink, not a zeroed array of the rest of points.
        Assert.Contains("TapeWorkspace.Sink<double>(", code, StringComparison.Ordinal);
        var mu = new[] { 0.4, -1.1 };
        var points = new[] { 1.0, 2.0, -0.5, 0.25, 3.0, -2.0 };
        var dMu = new double[2];
        double value = (double)M("SpreadBackward").Invoke(null, new object[] { mu, points, dMu, 1.0 })!;
        double expected = 0;
        var hand = new double[2];
        for (int p = 0; p < 3; p++)
        {
            for (int i = 0; i < 2; i++)
            {
                double r = points[p * 2 + i] - mu[i];
                expected += r * r;
                hand[i] += -2 * r;
            }
        }
        Tolerance.AssertFormula(expected, value);
        for (int i = 0; i < 2; i++) Tolerance.AssertFormula(hand[i], dMu[i], "dMu" + i);
        AssertCentral(x => (double)M("Spread").Invoke(null, new object[] { x, points })!, mu, dMu);
    }

    [Fact]
    public void ACalleeThatReadsFirst_KeepsItsCopy_AndTheGradientSeesWhatTheArrayHeld()
    {
        string code = Code("Rounds");
        Assert.Contains("SeenArrays.Push(", code, StringComparison.Ordinal);
        Assert.DoesNotContain("PushLength", code, StringComparison.Ordinal);
        var x = new[] { 0.7, -1.3 };
        double seed = 0.4;
        var dX = new double[2];
        var args = new object[] { x, seed, dX, 0.0, 1.0 };
        double value = (double)M("RoundsBackward").Invoke(null, args)!;
        // Round k: t0 = (seed + k)·x0, t1 = x1²; s = Σ_k t0² + t1.
        double expected = 0, dx0 = 0, dx1 = 0, dSeed = 0;
        for (int k = 0; k < 2; k++)
        {
            double t0 = (seed + k) * x[0];
            expected += t0 * t0 + x[1] * x[1];
            dx0 += 2 * t0 * (seed + k);
            dx1 += 2 * x[1];
            dSeed += 2 * t0 * x[0];
        }
        Tolerance.AssertFormula(expected, value);
        Tolerance.AssertFormula(dx0, dX[0], "dX0");
        Tolerance.AssertFormula(dx1, dX[1], "dX1");
        Tolerance.AssertFormula(dSeed, (double)args[3], "dSeed");
        AssertCentral(p => (double)M("Rounds").Invoke(null, new object[] { p[..2], p[2] })!, new[] { x[0], x[1], seed }, new[] { dX[0], dX[1], (double)args[3] });
    }

    [Fact]
    public void ANeverWrittenSpan_IsReadAgainInReverse_NotTaped()
    {
        string code = Code("SquaredNorm");
        Assert.DoesNotContain("tapeDouble", code, StringComparison.Ordinal);
        var x = new[] { 0.3, -2.0, 1.5 };
        var dX = new double[3];
        double value = (double)M("SquaredNormThroughArrays").Invoke(null, new object[] { x, dX })!;
        Tolerance.AssertFormula(0.09 + 4.0 + 2.25, value);
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(2 * x[i], dX[i], "dX" + i);
        AssertCentral(p =>
        {
            var ignored = new double[3];
            return (double)M("SquaredNormThroughArrays").Invoke(null, new object[] { p, ignored })!;
        }, x, dX);
    }

    [Fact]
    public void AnArrayWrittenAfterTheRead_StaysTaped_AndTheGradientIsTwiceA()
    {
        string code = Code("SquaresThenWrite");
        Assert.Contains("tapeDouble[tapeDoubleTop++] = ", code, StringComparison.Ordinal);
        var a = new[] { 0.5, -1.5, 2.0 };
        var dA = new double[3];
        double value = (double)M("SquaresThenWriteBackward").Invoke(null, new object[] { a.ToArray(), dA, 1.0 })!;
        Tolerance.AssertFormula(0.25 + 2.25 + 4.0, value);
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(2 * a[i], dA[i], "dA" + i);
        AssertCentral(p => (double)M("SquaresThenWrite").Invoke(null, new object[] { p.ToArray() })!, a, dA);
    }

    private static void AssertCentral(Func<double[], double> f, double[] p, double[] gradient)
    {
        const double h = 1e-6;
        double value = f(p);
        for (int i = 0; i < p.Length; i++)
        {
            var up = (double[])p.Clone(); up[i] += h;
            var down = (double[])p.Clone(); down[i] -= h;
            Tolerance.AssertCentral((f(up) - f(down)) / (2 * h), gradient[i], Math.Abs(value) + 1, "d/dp" + i);
        }
    }
}
