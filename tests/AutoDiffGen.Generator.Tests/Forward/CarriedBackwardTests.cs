using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// <c>Lowering/CarriedBackwards</c>: a method with one differentiable <c>double</c>/<c>float</c> parameter and a loop gets
/// <c>MBackward</c> as forward mode's sweep with that parameter's tangent set to 1 (no tape), adding <c>dResult</c> times the
/// carried derivative into its adjoint. Each case: the text says which sweep was written, the value and the gradient are the
/// hand-derived ones, and <see cref="CentralDifferenceRunner"/> checks them (and that Backward adds, with seed 2) against
/// central differences. Bodies forward mode refuses, or whose tangents would be arrays, keep the reverse sweep.
/// </summary>
public class CarriedBackwardTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        // Another class: a call, not a callee inlined into the caller (Lowering/ExpressionLowering.InlinedCallees).
        public static partial class D
        {
            [Differentiable(Forward = true)]
            public static double Sq(double u) => u * u;

            // Reverse only: a hand-written derivative (a plain [Differentiable] Cube gets an MForward from its body since hess6).
            public static double Cube(double u) => u * u * u;

            [DerivativeOf(nameof(Cube))]
            public static double CubeBackward(double u, ref double dU, double dResult = 1) { dU += 3 * u * u * dResult; return u * u * u; }
        }

        public static partial class C
        {
            [Differentiable]
            public static double Horner([NoDiff] double[] c, double x)
            {
                double acc = 0;
                for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
                return acc;
            }

            [Differentiable]
            public static double Walk(double x, int n)
            {
                double s = 0, p = 1;
                for (int i = 0; i < n; i++)
                {
                    p *= x;
                    if (p > 2) break;
                    if (i % 2 == 0) s += p;
                    else s -= Math.Sin(p);
                }
                return s;
            }

            [Differentiable]
            public static double SumSq(double x, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += D.Sq(x + i);
                return s;
            }

            [Differentiable]
            public static double SumCubes(double x, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += D.Cube(x + i);
                return s;
            }

            [Differentiable]
            public static double Guarded(double x, int n)
            {
                if (n < 0) throw new ArgumentOutOfRangeException(nameof(n));
                double s = 1;
                for (int i = 0; i < n; i++)
                {
                    s *= x;
                    if (s > 1e3) throw new OverflowException("too big");
                }
                return s;
            }

            [Differentiable]
            public static float PowerSum(float x, int n)
            {
                float s = 0, p = 1;
                for (int i = 0; i < n; i++) { s += p; p *= x; }
                return s;
            }

            [Differentiable(Forward = true)]
            public static double Opted(double x, int n)
            {
                double s = x;
                for (int i = 0; i < n; i++) s = Math.Sin(s) * x;
                return s;
            }

            [Differentiable]
            public static double TwoInputs(double x, double y, int n)
            {
                double s = y;
                for (int i = 0; i < n; i++) s = s * x + y;
                return s;
            }

            [Differentiable]
            public static double LocalArray(double x, int n)
            {
                var a = new double[n];
                for (int i = 0; i < n; i++) a[i] = x * (i + 1);
                double s = 0;
                for (int i = 0; i < n; i++) s += a[i] * a[i];
                return s;
            }

            [Differentiable]
            public static double Straight(double x) => Math.Sin(x) * x;

            [Differentiable(Checkpoint = true)]
            public static double Checkpointed(double x, int n)
            {
                double s = x;
                for (int i = 0; i < n; i++) s = Math.Cos(s) + x;
                return s;
            }
        }
        """;

    private static readonly Lazy<(GeneratorOutput Run, Type Type)> Compiled = new(() =>
    {
        var run = GeneratorHarness.RunForLoad(Source);
        run.AssertClean();
        return (run, GeneratorHarness.Load(run).GetType("C")!);
    });

    private static string Text(string method) => Compiled.Value.Run.Generated.Single(g => g.Key.StartsWith("C." + method + "_", StringComparison.Ordinal)).Value;

    private static bool IsCarried(string method)
    {
        string backward = Text(method);
        backward = backward.Substring(0, backward.IndexOf(method + "Backward(", StringComparison.Ordinal) is int at and >= 0 ? backward.IndexOf("\n\t}", at, StringComparison.Ordinal) : 0);
        return CarriedSeeds.Adds(backward) && !backward.Contains("TapeWorkspace", StringComparison.Ordinal) && !backward.Contains("tResult", StringComparison.Ordinal);
    }

    private static MethodInfo Method(string name) => Compiled.Value.Type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    /// <summary>Calls <c>MBackward</c> with dX preloaded and a seed: returns the value and what dX holds after.</summary>
    private static (double Value, double DX) Backward(string name, object[] arguments, double dX, double seed)
    {
        var backward = Compiled.Value.Type.GetMethod(name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
        bool single = backward.ReturnType == typeof(float);
        var args = arguments.Append(single ? (object)(float)dX : dX).Append(single ? (object)(float)seed : seed).ToArray();
        double value = Convert.ToDouble(backward.Invoke(null, args));
        return (value, Convert.ToDouble(args[^2]));
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void Horner_carries_p_prime_by_hand(double x)
    {
        Assert.True(IsCarried("Horner"), Text("Horner"));
        double[] c = [1, -2, 0.5, 3];
        var (value, dX) = Backward("Horner", [c, x], dX: 0.25, seed: 2);
        // p(x) = 1 − 2x + x²/2 + 3x³, p′(x) = −2 + x + 9x²: at 0.7, 0.874 and 3.11.
        Tolerance.AssertFormula(1 - (2 * x) + (0.5 * x * x) + (3 * x * x * x), value);
        Tolerance.AssertFormula(0.25 + (2 * (-2 + x + (9 * x * x))), dX, "dX");
        if (x == 0.7) Tolerance.AssertFormula(0.25 + (2 * 3.11), dX, "dX at 0.7");
        var checkedResult = CentralDifferenceRunner.Check(Method("Horner"), null, [c, x]);
        Tolerance.AssertFormula(-2 + x + (9 * x * x), checkedResult.Gradient[1]![0], "∂p/∂x");
    }

    [Theory]
    [InlineData(1.3, 6)] // p = 1.3, 1.69, 2.197 > 2: breaks at i = 2
    [InlineData(0.8, 5)] // no break
    [InlineData(0.8, 0)] // no iteration
    [InlineData(-1.7, 4)] // p = −1.7, then 2.89 > 2: breaks at i = 1
    public void A_loop_with_branches_and_break(double x, int n)
    {
        Assert.True(IsCarried("Walk"), Text("Walk"));
        // By hand: p_i = x^(i+1) while it stays ≤ 2; s = Σ_even p_i − Σ_odd sin p_i, s′ = Σ_even (i+1)x^i − Σ_odd cos(p_i)(i+1)x^i.
        double s = 0, ds = 0;
        for (int i = 0; i < n; i++)
        {
            double p = Math.Pow(x, i + 1), dp = (i + 1) * Math.Pow(x, i);
            if (p > 2) break;
            if (i % 2 == 0) { s += p; ds += dp; }
            else { s -= Math.Sin(p); ds -= Math.Cos(p) * dp; }
        }
        var (value, dX) = Backward("Walk", [x, n], dX: 0, seed: 1);
        Tolerance.AssertFormula(s, value);
        Tolerance.AssertFormula(ds, dX, "dX");
        CentralDifferenceRunner.Check(Method("Walk"), null, [x, n]);
    }

    [Theory]
    [InlineData(0.4, 3)]
    [InlineData(-2.5, 5)]
    public void A_call_to_a_forward_callee_is_carried_and_a_reverse_only_callee_keeps_the_reverse_sweep(double x, int n)
    {
        Assert.True(IsCarried("SumSq"), Text("SumSq"));
        Assert.Contains("D.SqForward(", Text("SumSq"), StringComparison.Ordinal);
        // Cube has only a hand-written reverse derivative: forward mode would refuse the call (ADG0018), so the reverse sweep stays, without a diagnostic.
        Assert.False(IsCarried("SumCubes"), Text("SumCubes"));
        Assert.Contains("TapeWorkspace", Text("SumCubes"), StringComparison.Ordinal);
        Assert.Contains("D.CubeBackward(", Text("SumCubes"), StringComparison.Ordinal);
        double sq = 0, dSq = 0, cube = 0, dCube = 0;
        for (int i = 0; i < n; i++)
        {
            sq += (x + i) * (x + i);
            dSq += 2 * (x + i);
            cube += (x + i) * (x + i) * (x + i);
            dCube += 3 * (x + i) * (x + i);
        }
        var (value, dX) = Backward("SumSq", [x, n], 0, 1);
        Tolerance.AssertFormula(sq, value);
        Tolerance.AssertFormula(dSq, dX, "d SumSq/dx");
        (value, dX) = Backward("SumCubes", [x, n], 0, 1);
        Tolerance.AssertFormula(cube, value);
        Tolerance.AssertFormula(dCube, dX, "d SumCubes/dx");
        CentralDifferenceRunner.Check(Method("SumSq"), null, [x, n]);
        CentralDifferenceRunner.Check(Method("SumCubes"), null, [x, n]);
    }

    [Fact]
    public void A_guard_throws_where_the_method_throws_and_the_adjoint_is_left_alone()
    {
        Assert.True(IsCarried("Guarded"), Text("Guarded"));
        foreach (var (x, n, exception) in new[] { (1.5, -1, typeof(ArgumentOutOfRangeException)), (20.0, 5, typeof(OverflowException)) })
        {
            var args = new object[] { x, n, 0.5, 1.0 };
            var backward = Compiled.Value.Type.GetMethod("GuardedBackward")!;
            var thrown = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, args));
            Assert.IsType(exception, thrown.InnerException);
            Assert.Equal(0.5, (double)args[2]);
            Assert.IsType(exception, Assert.Throws<TargetInvocationException>(() => Method("Guarded").Invoke(null, [x, n])).InnerException);
        }
        // s = x⁴, s′ = 4x³: 5.0625 and 13.5 at 1.5.
        var (value, dX) = Backward("Guarded", [1.5, 4], 0, 1);
        Tolerance.AssertFormula(5.0625, value);
        Tolerance.AssertFormula(13.5, dX, "dX");
        CentralDifferenceRunner.Check(Method("Guarded"), null, [1.5, 4]);
    }

    [Theory]
    [InlineData(0.5f, 4)]
    [InlineData(-0.75f, 6)]
    public void A_float_method(float x, int n)
    {
        Assert.True(IsCarried("PowerSum"), Text("PowerSum"));
        // The seed is read as 1f (Differentiator.UnitSeed): no local for it.
        Assert.False(CarriedSeeds.DeclaresSeed(Text("PowerSum")), Text("PowerSum"));
        // s = Σ_{i<n} xⁱ, s′ = Σ i·x^(i−1): at 0.5 and 4, 1.875 and 2.75.
        double s = 0, ds = 0;
        for (int i = 0; i < n; i++) { s += Math.Pow(x, i); ds += i * Math.Pow(x, i - 1); }
        var (value, dX) = Backward("PowerSum", [x, n], 0, 1);
        Tolerance.AssertClose(s, value, Tolerance.ForSum(2 * n, Math.Max(1, Math.Abs(s)), Tolerance.Float));
        Tolerance.AssertClose(ds, dX, Tolerance.ForSum(4 * n, Math.Max(1, Math.Abs(ds)), Tolerance.Float), "dX");
        CentralDifferenceRunner.Check(Method("PowerSum"), null, [x, n]);
    }

    [Theory]
    [InlineData(0.6, 3)]
    [InlineData(1.9, 7)]
    public void A_forward_method_gets_both_and_they_agree(double x, int n)
    {
        Assert.True(IsCarried("Opted"), Text("Opted"));
        // s_{k+1} = sin(s_k)·x, s′_{k+1} = cos(s_k)·s′_k·x + sin(s_k), from s_0 = x, s′_0 = 1.
        double s = x, ds = 1;
        for (int i = 0; i < n; i++) (s, ds) = (Math.Sin(s) * x, (Math.Cos(s) * ds * x) + Math.Sin(s));
        var (value, dX) = Backward("Opted", [x, n], 0, 1);
        Tolerance.AssertFormula(s, value);
        Tolerance.AssertFormula(ds, dX, "dX");
        var forward = Compiled.Value.Type.GetMethod("OptedForward")!;
        var args = new object[] { x, n, 1.0, null! };
        Assert.Equal(value, (double)forward.Invoke(null, args)!);
        Assert.Equal(dX, (double)args[3]);
        CentralDifferenceRunner.Check(Method("Opted"), null, [x, n]);
    }

    [Fact]
    public void Other_shapes_keep_the_reverse_sweep()
    {
        // Two inputs, a local array (its tangent would be an array per call), straight-line code, a checkpointed loop.
        foreach (var name in new[] { "TwoInputs", "LocalArray", "Straight", "Checkpointed" }) Assert.False(IsCarried(name), name + ":\n" + Text(name));
        // LocalArray: s = Σ (x(i+1))², s′ = 2x Σ (i+1)²: 2·0.3·(1 + 4 + 9) = 8.4 at x = 0.3, n = 3.
        var (_, dX) = Backward("LocalArray", [0.3, 3], 0, 1);
        Tolerance.AssertFormula(8.4, dX, "dX");
        CentralDifferenceRunner.Check(Method("LocalArray"), null, [0.3, 3]);
        CentralDifferenceRunner.Check(Method("Checkpointed"), null, [0.3, 5]);
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void Carried_backwards_compile_without_errors_or_warnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Contains(result.Generated.Values, text => CarriedSeeds.Adds(text));
    }
}
