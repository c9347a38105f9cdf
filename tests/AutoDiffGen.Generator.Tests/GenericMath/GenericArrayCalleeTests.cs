using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.GenericMath;

/// <summary>
/// A [Differentiable] generic-math callee over arrays (<c>T Dot&lt;T&gt;(T[] a, T[] b)</c>, a log-sum-exp over <c>T[]</c>)
/// called at double or float (2026-12-06, found by the lead's probes: it was ADG0003 "a call to a generic method"): its body
/// is read over the type argument and inlined, as a plain generic helper's is. By hand and central differences in
/// MBackward, MForward and MHessian, at double and float, from a generic caller too; a callee that writes its array, or
/// does not stand alone, stays ADG0003 at the call with a text that does not tell the user to mark it [Differentiable].
/// </summary>
public class GenericArrayCalleeTests
{
    private const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class GA
        {
            [Differentiable]
            public static T Dot<T>(T[] a, T[] b) where T : IFloatingPointIeee754<T>
            {
                T s = T.Zero;
                for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
                return s;
            }

            [Differentiable]
            public static T Lse<T>(T[] a) where T : IFloatingPointIeee754<T>
            {
                T m = a[0];
                foreach (var v in a) m = T.Max(m, v);
                T z = T.Zero;
                foreach (var v in a) z += T.Exp(v - m);
                return m + T.Log(z);
            }

            // x·(a·b) + lse(a), a = (x, y, x·y), b = (y, 1, x).
            [Differentiable(Forward = true, Hessian = true)]
            public static double Mixed(double x, double y)
            {
                var a = new[] { x, y, x * y };
                var b = new[] { y, 1.0, x };
                return Dot(a, b) * x + Lse(a);
            }

            public static double MixedTangent(double x, double y, double tX, double tY) { MixedForward(x, y, tX, tY, out var t); return t; }

            public static double[] MixedHessianAt(double x, double y) { var h = new double[4]; MixedHessian(x, y, h); return h; }

            // x·Σ aᵢ², in float.
            [Differentiable]
            public static float Floats(float[] a, float x) => Dot(a, a) * x;

            // A generic caller of a generic array callee: x·Σ aᵢ² + lse(a).
            [Differentiable]
            public static T Outer<T>(T[] a, T x) where T : IFloatingPointIeee754<T> => Dot(a, a) * x + Lse(a);
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() =>
    {
        var result = GeneratorHarness.RunForLoad(Source);
        Assert.True(result.Diagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        return GeneratorHarness.Load(result).GetType("GA")!;
    });

    private static MethodInfo M(string name, Type? t = null)
    {
        var m = Compiled.Value.GetMethods().Single(m => m.Name == name);
        return t is null ? m : m.MakeGenericMethod(t);
    }

    /// <summary>
    /// g = x·(a·b) = x²y + xy + x³y: ∂g/∂x = 2xy + y + 3x²y, ∂g/∂y = x² + x + x³. lse(x, y, xy) with softmax weights p:
    /// ∂/∂x = p₀ + p₂·y, ∂/∂y = p₁ + p₂·x.
    /// </summary>
    private static (double Dx, double Dy) Hand(double x, double y)
    {
        double[] a = [x, y, x * y];
        double m = a.Max(), z = a.Sum(v => Math.Exp(v - m));
        double[] p = a.Select(v => Math.Exp(v - m) / z).ToArray();
        return ((2 * x * y) + y + (3 * x * x * y) + p[0] + (p[2] * y), (x * x) + x + (x * x * x) + p[1] + (p[2] * x));
    }

    [Theory]
    [InlineData(0.6, -0.8)]
    [InlineData(-0.3, 1.1)]
    public void DoubleCaller_ByHand_CentralDifferences_ForwardAndHessian(double x, double y)
    {
        var r = CentralDifferenceRunner.Check(M("Mixed"), null, [x, y]);
        var (dx, dy) = Hand(x, y);
        Tolerance.AssertFormula(dx, r.Gradient[0]![0], "dX");
        Tolerance.AssertFormula(dy, r.Gradient[1]![0], "dY");

        const double tX = 0.4, tY = -0.7;
        double tangent = (double)M("MixedTangent").Invoke(null, [x, y, tX, tY])!;
        Tolerance.AssertFormula((dx * tX) + (dy * tY), tangent, "tResult");

        // The Hessian against central differences of the hand gradient.
        var h = (double[])M("MixedHessianAt").Invoke(null, [x, y])!;
        const double e = 1e-5;
        var (xp, yp) = Hand(x + e, y);
        var (xm, ym) = Hand(x - e, y);
        var (xq, yq) = Hand(x, y + e);
        var (xr, yr) = Hand(x, y - e);
        double[] numeric = [(xp - xm) / (2 * e), (xq - xr) / (2 * e), (yp - ym) / (2 * e), (yq - yr) / (2 * e)];
        for (int k = 0; k < 4; k++) Assert.True(Math.Abs(numeric[k] - h[k]) < 1e-6 * (1 + Math.Abs(numeric[k])), "H[" + k + "] = " + h[k] + ", numeric " + numeric[k]);
    }

    [Fact]
    public void FloatCaller_ByHand()
    {
        float[] a = [0.5f, -0.25f, 1.5f];
        var da = new float[3];
        object[] args = [a, 0.75f, da, 0f, 1f];
        M("FloatsBackward").Invoke(null, args);
        // ∂/∂aᵢ = 2x·aᵢ, ∂/∂x = Σ aᵢ² = 2.5625.
        Assert.Equal([0.75f, -0.375f, 2.25f], da);
        Assert.Equal(2.5625f, (float)args[3]);
        var r = CentralDifferenceRunner.Check(M("Floats"), null, [a, 0.75f]);
        Assert.True(Math.Abs(r.Gradient[1]![0] - 2.5625) < 1e-4, "dX " + r.Gradient[1]![0]);
    }

    [Fact]
    public void GenericCaller_AtDouble_ByHand()
    {
        double[] a = [0.2, -0.9, 0.4];
        const double x = 1.3;
        var r = CentralDifferenceRunner.Check(M("Outer", typeof(double)), null, [a, x]);
        double m = a.Max(), z = a.Sum(v => Math.Exp(v - m));
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula((2 * x * a[i]) + (Math.Exp(a[i] - m) / z), r.Gradient[0]![i], "dA[" + i + "]");
        Tolerance.AssertFormula(a.Sum(v => v * v), r.Gradient[1]![0], "dX");
    }

    [Fact]
    public void ACalleeThatWritesItsArray_OrDoesNotStandAlone_IsADG0003_WithATrueText()
    {
        const string header = "using System; using System.Numerics; using AutoDiffGen; public static partial class C { ";
        var result = GeneratorHarness.Run(header
            + "[Differentiable] public static T Scale<T>(T[] a, T k) where T : IFloatingPointIeee754<T> { for (int i = 0; i < a.Length; i++) a[i] *= k; return a[0]; } "
            + "[Differentiable] public static T Twice<T>(T[] a) where T : IFloatingPointIeee754<T> => Scale(a, T.One + T.One); "
            + "[Differentiable] public static double F(double x, double y) { var a = new[] { x, y }; return Scale(a, x) + a[1]; } "
            + "[Differentiable] public static double G(double[] a) => Twice(a); }");
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Diagnostic At(string underlined) => Assert.Single(result.GeneratorDiagnostics, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == underlined);
        var writes = At("Scale(a, x)");
        Assert.Equal("ADG0003", writes.Id);
        Assert.Contains("the generic [Differentiable] method 'C.Scale'", writes.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("writes into an element of its array argument", writes.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("is not [Differentiable]", writes.GetMessage(), StringComparison.Ordinal);
        var calls = At("Twice(a)");
        Assert.Equal("ADG0003", calls.Id);
        Assert.Contains("its body uses 'Scale(a, T.One + T.One)'", calls.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal) || k.Contains(".G_", StringComparison.Ordinal));
    }
}
