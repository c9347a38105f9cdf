using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// Mixed <c>MBackward</c> (<c>Lowering/CarriedBackwards</c>, <c>Differentiator.Mixed</c>): one by-value <c>double</c>/<c>float</c>
/// beside arrays gets its derivative carried forward in the forward sweep (<c>tX = 1</c>) and the arrays get the reverse sweep,
/// which then tapes nothing that only x's adjoint read. Each case: the text says which sweep was written, the value and both
/// gradients are the hand-derived ones, and <see cref="CentralDifferenceRunner"/> checks them (and that Backward adds, with
/// seed 2) against central differences. Shapes the mixed sweep does not take keep the reverse sweep.
/// </summary>
public class MixedBackwardTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        // Another class: a call, not a callee inlined into the caller.
        public static partial class E
        {
            [Differentiable(Forward = true)]
            public static double Sq(double u) => u * u;
        }

        public static partial class M
        {
            [Differentiable]
            public static double Horner(double[] c, double x)
            {
                double acc = 0;
                for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
                return acc;
            }

            [Differentiable]
            public static double Capped(double[] w, double x)
            {
                double s = 0;
                for (int i = 0; i < w.Length; i++)
                {
                    if (s > 10) break;
                    if (w[i] > 0) s += w[i] * x;
                    else s = s * x - w[i];
                }
                return s;
            }

            [Differentiable]
            public static double Squares(double[] a, double x)
            {
                var b = new double[a.Length];
                double s = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    b[i] = a[i] * a[i];
                    s = s * x + b[i];
                }
                return s;
            }

            [Differentiable]
            public static double Calls(double[] a, double x)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++) s = s * x + E.Sq(a[i]);
                return s;
            }

            [Differentiable]
            public static double CallsOfX(double[] a, double x)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++) s = s * a[i] + E.Sq(x + i);
                return s;
            }

            [Differentiable]
            public static double Guarded(double[] a, double x)
            {
                if (x < 0) throw new ArgumentOutOfRangeException(nameof(x));
                double s = 1;
                for (int i = 0; i < a.Length; i++)
                {
                    s = s * x + a[i];
                    if (s > 1e3) throw new OverflowException("too big");
                }
                return s;
            }

            [Differentiable]
            public static float HornerF(float[] c, float x)
            {
                float acc = 0;
                for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
                return acc;
            }

            [Differentiable]
            public static double TwoScalars(double[] a, double x, double y)
            {
                double s = y;
                for (int i = 0; i < a.Length; i++) s = s * x + a[i] * y;
                return s;
            }

            [Differentiable]
            public static double Weighted(double[] a, double x)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++) s += a[i] * x;
                return s;
            }
        }
        """;

    private static readonly Lazy<(GeneratorOutput Run, Type Type)> Compiled = new(() =>
    {
        var run = GeneratorHarness.RunForLoad(Source);
        run.AssertClean();
        return (run, GeneratorHarness.Load(run).GetType("M")!);
    });

    private static string Text(string method) => Compiled.Value.Run.Generated.Single(g => g.Key.StartsWith("M." + method + "_", StringComparison.Ordinal)).Value;

    /// <summary>
    /// x's tangent seeded in MBackward, and (<paramref name="tapeless"/>) no tape of doubles: what the reverse sweep taped for x's
    /// adjoint alone is gone (branches' flags and a trip count may still be taped).
    /// </summary>
    private static bool IsMixed(string method, bool tapeless = true)
    {
        string text = Text(method);
        int at = text.IndexOf(method + "Backward(", StringComparison.Ordinal);
        string backward = text.Substring(at, text.IndexOf("\n\t}", at, StringComparison.Ordinal) - at);
        return CarriedSeeds.Adds(backward)
            && (!tapeless || !backward.Contains("tapeDouble", StringComparison.Ordinal));
    }

    private static MethodInfo Method(string name) => Compiled.Value.Type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>Calls <c>MBackward(a, x, dA, ref dX, seed)</c> with dX preloaded: the value, dA and dX after.</summary>
    private static (double Value, double[] DA, double DX) Backward(string name, double[] a, double x, double dX, double seed)
    {
        var dA = new double[a.Length];
        var args = new object[] { a, x, dA, dX, seed };
        double value = (double)Compiled.Value.Type.GetMethod(name + "Backward")!.Invoke(null, args)!;
        return (value, dA, (double)args[3]);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-1.3)]
    public void Horner_by_hand(double x)
    {
        Assert.True(IsMixed("Horner"), Text("Horner"));
        double[] c = [1, 2, 3];
        var (value, dC, dX) = Backward("Horner", c, x, dX: 0.25, seed: 2);
        // p = 1 + 2x + 3x², ∂p/∂x = 2 + 6x, ∂p/∂c = (1, x, x²): at 0.5, p = 2.75, p′ = 5, ∂p/∂c = (1, 0.5, 0.25).
        Tolerance.AssertFormula(1 + (2 * x) + (3 * x * x), value);
        Tolerance.AssertFormula(0.25 + (2 * (2 + (6 * x))), dX, "dX");
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(2 * Math.Pow(x, i), dC[i], "dC[" + i + "]");
        if (x == 0.5)
        {
            Tolerance.AssertFormula(2.75, value);
            Tolerance.AssertFormula(0.25 + 10, dX, "dX at 0.5");
            Tolerance.AssertFormula(0.5, dC[2], "dC[2] at 0.5");
        }
        CentralDifferenceRunner.Check(Method("Horner"), null, [c, x]);
    }

    [Fact]
    public void A_loop_with_a_branch_and_break_by_hand()
    {
        Assert.True(IsMixed("Capped"), Text("Capped"));
        // w = (2, −1, 3), x = 2: s = 2x = 4; s = s·x − w1 = 9; s = 9 + 3x = 15 (then the loop ends). ds/dx: 2, 2x + 4 = 8,
        // 8 + 3 = 11. ∂s/∂w0 = x·x = 4 (its term 2x is multiplied by x once), ∂s/∂w1 = −1, ∂s/∂w2 = x = 2.
        var (value, dW, dX) = Backward("Capped", [2, -1, 3], 2, dX: 0, seed: 1);
        Tolerance.AssertFormula(15, value);
        Tolerance.AssertFormula(11, dX, "dX");
        Tolerance.AssertFormula(4, dW[0], "dW0");
        Tolerance.AssertFormula(-1, dW[1], "dW1");
        Tolerance.AssertFormula(2, dW[2], "dW2");
        // w = (5, 7, 1), x = 3: s = 15 > 10 breaks before w1: s = 15, ∂s/∂x = 5, ∂s/∂w = (3, 0, 0).
        (value, dW, dX) = Backward("Capped", [5, 7, 1], 3, dX: 0, seed: 1);
        Tolerance.AssertFormula(15, value);
        Tolerance.AssertFormula(5, dX, "dX after the break");
        Assert.Equal([3.0, 0.0, 0.0], dW);
        CentralDifferenceRunner.Check(Method("Capped"), null, [new double[] { 2, -1, 3 }, 2.0]);
        CentralDifferenceRunner.Check(Method("Capped"), null, [new double[] { 5, 7, 1 }, 3.0]);
    }

    [Fact]
    public void An_array_written_in_the_loop_by_hand()
    {
        Assert.True(IsMixed("Squares"), Text("Squares"));
        // a = (1, 2), x = 3: b = (1, 4), s = 1·x + 4 = 7; ∂s/∂x = 1, ∂s/∂a0 = 2·a0·x = 6, ∂s/∂a1 = 2·a1 = 4.
        var (value, dA, dX) = Backward("Squares", [1, 2], 3, dX: 0, seed: 1);
        Tolerance.AssertFormula(7, value);
        Tolerance.AssertFormula(1, dX, "dX");
        Tolerance.AssertFormula(6, dA[0], "dA0");
        Tolerance.AssertFormula(4, dA[1], "dA1");
        CentralDifferenceRunner.Check(Method("Squares"), null, [new double[] { 1, 2, -0.5 }, 0.7]);
    }

    [Fact]
    public void A_call_on_the_arrays_side_is_mixed_and_one_on_xs_side_keeps_the_reverse_sweep()
    {
        // The call's value is still taped (the reverse sweep calls SqBackward with the element instead), as in the plain
        // reverse sweep, which also tapes s for x's adjoint.
        Assert.True(IsMixed("Calls", tapeless: false), Text("Calls"));
        // x's tangent would go through E.Sq: the reverse sweep stays (the mixed sweep writes no forward calls).
        Assert.False(IsMixed("CallsOfX", tapeless: false), Text("CallsOfX"));
        // Calls: a = (1, 2), x = 3: s = 1·x + 4 = 7, ∂s/∂x = 1, ∂s/∂a = (2·1·x, 2·2) = (6, 4).
        var (value, dA, dX) = Backward("Calls", [1, 2], 3, 0, 1);
        Tolerance.AssertFormula(7, value);
        Tolerance.AssertFormula(1, dX, "dX");
        Tolerance.AssertFormula(6, dA[0], "dA0");
        Tolerance.AssertFormula(4, dA[1], "dA1");
        // CallsOfX: a = (2, 3), x = 1: s = x² = 1; s = 1·3 + (x+1)² = 7; ∂s/∂x = 2x·a1 + 2(x+1) = 10, ∂s/∂a = (0, 1).
        (value, dA, dX) = Backward("CallsOfX", [2, 3], 1, 0, 1);
        Tolerance.AssertFormula(7, value);
        Tolerance.AssertFormula(10, dX, "dX");
        Tolerance.AssertFormula(0, dA[0], "dA0");
        Tolerance.AssertFormula(1, dA[1], "dA1");
        CentralDifferenceRunner.Check(Method("Calls"), null, [new double[] { 1, 2, -0.4 }, 0.8]);
        CentralDifferenceRunner.Check(Method("CallsOfX"), null, [new double[] { 2, 3, 0.5 }, 0.9]);
    }

    [Fact]
    public void A_guard_throws_where_the_method_throws_and_the_adjoints_are_left_alone()
    {
        Assert.True(IsMixed("Guarded"), Text("Guarded"));
        foreach (var (a, x, exception) in new[] { (new double[] { 1 }, -1.0, typeof(ArgumentOutOfRangeException)), (new double[] { 1, 1, 1, 1 }, 20.0, typeof(OverflowException)) })
        {
            var dA = new double[a.Length];
            var args = new object[] { a, x, dA, 0.5, 1.0 };
            var thrown = Assert.Throws<TargetInvocationException>(() => Method("GuardedBackward").Invoke(null, args));
            Assert.IsType(exception, thrown.InnerException);
            Assert.Equal(0.5, (double)args[3]);
            Assert.All(dA, d => Assert.Equal(0.0, d));
            Assert.IsType(exception, Assert.Throws<TargetInvocationException>(() => Method("Guarded").Invoke(null, [a, x])).InnerException);
        }
        // a = (1, 2), x = 1.5: s = 1·x + 1 = 2.5, s = 2.5x + 2 = 5.75; ∂s/∂x = 1, then 1·x + 2.5 = 4; ∂s/∂a = (x, 1) = (1.5, 1).
        var (value, dA2, dX) = Backward("Guarded", [1, 2], 1.5, 0, 1);
        Tolerance.AssertFormula(5.75, value);
        Tolerance.AssertFormula(4, dX, "dX");
        Tolerance.AssertFormula(1.5, dA2[0], "dA0");
        Tolerance.AssertFormula(1, dA2[1], "dA1");
        CentralDifferenceRunner.Check(Method("Guarded"), null, [new double[] { 1, 2 }, 1.5]);
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(-0.75f)]
    public void A_float_method(float x)
    {
        Assert.True(IsMixed("HornerF"), Text("HornerF"));
        // The seed is read as 1f (Differentiator.UnitSeed): no local for it.
        Assert.False(CarriedSeeds.DeclaresSeed(Text("HornerF")), Text("HornerF"));
        float[] c = [1, 2, 3];
        var dC = new float[3];
        var args = new object[] { c, x, dC, 0f, 1f };
        float value = (float)Method("HornerFBackward").Invoke(null, args)!;
        // p = 1 + 2x + 3x², p′ = 2 + 6x: at 0.5, 2.75 and 5.
        double tolerance = Tolerance.ForSum(8, 10, Tolerance.Float);
        Tolerance.AssertClose(1 + (2 * x) + (3 * x * x), value, tolerance);
        Tolerance.AssertClose(2 + (6 * x), (float)args[3], tolerance, "dX");
        for (int i = 0; i < 3; i++) Tolerance.AssertClose(Math.Pow(x, i), dC[i], tolerance, "dC[" + i + "]");
        CentralDifferenceRunner.Check(Method("HornerF"), null, [c, x]);
    }

    [Fact]
    public void Shapes_without_a_tape_to_save_or_two_scalars_keep_the_reverse_sweep()
    {
        // Two real scalars: not mixed (one carried tangent only). Weighted tapes nothing either way: the reverse sweep stays.
        Assert.False(IsMixed("TwoScalars", tapeless: false), Text("TwoScalars"));
        Assert.False(IsMixed("Weighted", tapeless: false), Text("Weighted"));
        // TwoScalars: a = (1, 2), x = 2, y = 3: s1 = y·x + a0·y = 9, s2 = s1·x + a1·y = 24; ∂s2/∂x = x·y + s1 = 15,
        // ∂s2/∂y = (x + a0)·x + a1 = 8, ∂s2/∂a = (y·x, y) = (6, 3).
        var dA = new double[2];
        var args = new object[] { new double[] { 1, 2 }, 2.0, 3.0, dA, 0.0, 0.0, 1.0 };
        Tolerance.AssertFormula(24, (double)Method("TwoScalarsBackward").Invoke(null, args)!);
        Tolerance.AssertFormula(15, (double)args[4], "dX");
        Tolerance.AssertFormula(8, (double)args[5], "dY");
        Tolerance.AssertFormula(6, dA[0], "dA0");
        Tolerance.AssertFormula(3, dA[1], "dA1");
        CentralDifferenceRunner.Check(Method("TwoScalars"), null, [new double[] { 1, 2 }, 2.0, 3.0]);
        CentralDifferenceRunner.Check(Method("Weighted"), null, [new double[] { 1, 2 }, 2.0]);
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void Mixed_backwards_compile_without_errors_or_warnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }
}
