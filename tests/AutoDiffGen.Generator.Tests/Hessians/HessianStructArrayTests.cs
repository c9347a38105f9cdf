using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Issue 14 (modes7): arrays and spans of a struct of reals as parameters of <c>MHessian</c>/<c>MHessianVector</c>. Their
/// scalars are element-major (<c>p[0].X, p[0].Y, p[1].X, …</c>, each element's differentiable members in declaration order,
/// a discrete member skipped), as <c>MJacobian</c> orders its columns. Checked by hand (Σ w·Xᵢ² + XᵢYᵢ; a Rosenbrock
/// chain over points after a scalar), against central differences of <c>MBackward</c>'s gradient, H·v against H v, a
/// <c>float</c> method over <c>System.Numerics.Vector2[]</c> and a <c>double</c> one over it; what stays refused is the
/// exact ADG0019.
/// </summary>
public class HessianStructArrayTests
{
    private const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        namespace HessStructArray;

        public struct Pt { public double X; public double Y; public Pt(double x, double y) { X = x; Y = y; } }
        public struct Tagged { public int Id; public double V; public double W; public Tagged(int id, double v, double w) { Id = id; V = v; W = w; } }

        public static partial class M
        {
            // Σ w·Xᵢ² + Xᵢ·Yᵢ
            [Differentiable(Hessian = true)]
            public static double Spread(Pt[] ps, double w)
            {
                double s = 0;
                for (int i = 0; i < ps.Length; i++) s += w * ps[i].X * ps[i].X + ps[i].X * ps[i].Y;
                return s;
            }

            // c·Σ (1 − Xᵢ)² + 100 (Yᵢ − Xᵢ²)², over a span by foreach, after a scalar: the block starts at 1
            [Differentiable(Hessian = true)]
            public static double Banana(double c, ReadOnlySpan<Pt> ps)
            {
                double s = 0;
                foreach (var p in ps) s += (1 - p.X) * (1 - p.X) + 100 * (p.Y - p.X * p.X) * (p.Y - p.X * p.X);
                return c * s;
            }

            // Σ Vᵢ·Wᵢ·Idᵢ + sin(V₀): the int member has no place in the direction
            [Differentiable(Hessian = true)]
            public static double Labelled(Tagged[] ts)
            {
                double s = Math.Sin(ts[0].V);
                for (int i = 0; i < ts.Length; i++) s += ts[i].V * ts[i].W * ts[i].Id;
                return s;
            }

            // float, System.Numerics.Vector2: Σ Xᵢ²·Yᵢ
            [Differentiable(Hessian = true)]
            public static float Cubic(Vector2[] vs)
            {
                float s = 0;
                for (int i = 0; i < vs.Length; i++) s += vs[i].X * vs[i].X * vs[i].Y;
                return s;
            }

            // double over Vector2 (float members): Σ exp(Xᵢ)·Yᵢ · k
            [Differentiable(Hessian = true)]
            public static double Mixed(Vector2[] vs, double k)
            {
                double s = 0;
                for (int i = 0; i < vs.Length; i++) s += Math.Exp(vs[i].X) * vs[i].Y * k;
                return s;
            }

            public static Pt[] Pts(double[] p, int from, int count) { var r = new Pt[count]; for (int i = 0; i < count; i++) r[i] = new Pt(p[from + 2 * i], p[from + 2 * i + 1]); return r; }
            public static Tagged[] Tags(double[] p) { var r = new Tagged[p.Length / 2]; for (int i = 0; i < r.Length; i++) r[i] = new Tagged(i + 1, p[2 * i], p[2 * i + 1]); return r; }
            public static Vector2[] Vs(double[] p, int count) { var r = new Vector2[count]; for (int i = 0; i < count; i++) r[i] = new Vector2((float)p[2 * i], (float)p[2 * i + 1]); return r; }

            public static double SpreadH(double[] p, double[] h) => SpreadHessian(Pts(p, 0, (p.Length - 1) / 2), p[p.Length - 1], h);
            public static double SpreadV(double[] p, double[] v, double[] hv) => SpreadHessianVector(Pts(p, 0, (p.Length - 1) / 2), p[p.Length - 1], v, hv);
            public static void SpreadG(double[] p, double[] g)
            {
                var ps = Pts(p, 0, (p.Length - 1) / 2);
                var d = new Pt[ps.Length];
                double dw = 0;
                SpreadBackward(ps, p[p.Length - 1], d, ref dw);
                for (int i = 0; i < d.Length; i++) { g[2 * i] = d[i].X; g[2 * i + 1] = d[i].Y; }
                g[p.Length - 1] = dw;
            }

            public static double BananaH(double[] p, double[] h) => BananaHessian(p[0], Pts(p, 1, (p.Length - 1) / 2), h);
            public static void BananaG(double[] p, double[] g)
            {
                var ps = Pts(p, 1, (p.Length - 1) / 2);
                var d = new Pt[ps.Length];
                double dc = 0;
                BananaBackward(p[0], ps, ref dc, d);
                g[0] = dc;
                for (int i = 0; i < d.Length; i++) { g[1 + 2 * i] = d[i].X; g[2 + 2 * i] = d[i].Y; }
            }

            public static double LabelledH(double[] p, double[] h) => LabelledHessian(Tags(p), h);
            public static void LabelledG(double[] p, double[] g)
            {
                var ts = Tags(p);
                var d = new Tagged[ts.Length];
                LabelledBackward(ts, d);
                for (int i = 0; i < d.Length; i++) { g[2 * i] = d[i].V; g[2 * i + 1] = d[i].W; }
            }

            public static double CubicH(double[] p, double[] h)
            {
                var single = new float[h.Length];
                float value = CubicHessian(Vs(p, p.Length / 2), single);
                for (int k = 0; k < h.Length; k++) h[k] = single[k];
                return value;
            }

            public static double MixedH(double[] p, double[] h) => MixedHessian(Vs(p, (p.Length - 1) / 2), p[p.Length - 1], h);
            public static void MixedG(double[] p, double[] g)
            {
                var vs = Vs(p, (p.Length - 1) / 2);
                var d = new Vector2[vs.Length];
                double dk = 0;
                MixedBackward(vs, p[p.Length - 1], d, ref dk);
                for (int i = 0; i < d.Length; i++) { g[2 * i] = d[i].X; g[2 * i + 1] = d[i].Y; }
                g[p.Length - 1] = dk;
            }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("HessStructArray.M", throwOnError: true)!);

    private static T Method<T>(string name) where T : Delegate =>
        Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    /// <summary>MHessian at p, after checking it overwrites (the output starts as NaN) and is exactly symmetric.</summary>
    private static double[] Run(string name, double[] p) => HessianModeTests.Symmetric(Method<Func<double[], double[], double>>(name + "H"), p);

    private static double[] Central(string name, double[] p) => HessianModeTests.CentralHessian(Method<Action<double[], double[]>>(name + "G"), p);

    [Theory]
    [InlineData(new[] { 0.5, -1.2, 2.0, 0.3, 0.7 })]
    [InlineData(new[] { -1.5, 0.25, 0.8, -2.0, 1.1, 0.6, -0.4 })]
    public void Spread_IsElementMajor_ByHandAndByCentralDifferences(double[] p)
    {
        var h = Run("Spread", p);
        int n = p.Length, m = (n - 1) / 2, w = n - 1;
        // ∂²/∂Xᵢ² = 2w, ∂²/∂Xᵢ∂Yᵢ = 1, ∂²/∂Xᵢ∂w = 2Xᵢ, every other entry 0.
        var hand = new double[n * n];
        for (int i = 0; i < m; i++)
        {
            int x = 2 * i, y = x + 1;
            hand[x * n + x] = 2 * p[w];
            hand[x * n + y] = hand[y * n + x] = 1;
            hand[x * n + w] = hand[w * n + x] = 2 * p[x];
        }
        HessianLocalArrayTests.AssertClose(hand, h, 1e-14, "Σ w·X² + X·Y by hand");
        HessianLocalArrayTests.AssertClose(Central("Spread", p), h, 1e-6, "vs central differences of MBackward's gradient");
        // One number: ∂²f/∂X₁∂w = 2·X₁ = 4 at the first point (row w, column 2).
        if (p.Length == 5) Assert.Equal(4.0, h[4 * 5 + 2], 14);

        // H·v is the matrix times v.
        var v = Enumerable.Range(0, n).Select(k => 0.3 * k - 0.7).ToArray();
        var hv = Enumerable.Repeat(double.NaN, n).ToArray();
        Method<Func<double[], double[], double[], double>>("SpreadV")(p, v, hv);
        for (int r = 0; r < n; r++) Assert.Equal(Enumerable.Range(0, n).Sum(c => h[r * n + c] * v[c]), hv[r], 12);
    }

    [Theory]
    [InlineData(new[] { 1.5, -1.2, 1.0, 0.5, 0.25 })]
    [InlineData(new[] { 0.7, 1.0, 1.0, -0.3, 2.0, 0.9, 0.1 })]
    public void RosenbrockOverASpanOfPoints_AfterAScalar_MatchesHand(double[] p)
    {
        var h = Run("Banana", p);
        int n = p.Length;
        double c = p[0];
        var hand = new double[n * n];
        double s = 0;
        for (int i = 0; 1 + 2 * i < n; i++)
        {
            int x = 1 + 2 * i, y = x + 1;
            double X = p[x], Y = p[y];
            s += (1 - X) * (1 - X) + 100 * (Y - X * X) * (Y - X * X);
            // Rosenbrock's block [[2 − 400(Y − X²) + 800X², −400X], [−400X, 200]] times c; ∂/∂c the gradient.
            hand[x * n + x] = c * (2 - 400 * (Y - X * X) + 800 * X * X);
            hand[x * n + y] = hand[y * n + x] = c * -400 * X;
            hand[y * n + y] = c * 200;
            hand[x * n] = hand[x] = -2 * (1 - X) - 400 * X * (Y - X * X);
            hand[y * n] = hand[y] = 200 * (Y - X * X);
        }
        HessianLocalArrayTests.AssertClose(hand, h, 1e-12, "c·Rosenbrock over points by hand");
        HessianLocalArrayTests.AssertClose(Central("Banana", p), h, 1e-5, "vs central differences of MBackward's gradient");
        // One number at the first point: ∂²f/∂X₀² = 1.5·(2 − 400(1 − 1.44) + 800·1.44) = 1.5·1330 = 1995.
        if (p[0] == 1.5) Assert.Equal(1995.0, h[1 * n + 1], 9);
    }

    [Fact]
    public void ADiscreteMember_HasNoPlace_AndTheRestMatchesHand()
    {
        double[] p = { 0.4, -1.1, 2.0, 0.6, -0.8, 1.3 };
        var h = Run("Labelled", p);
        int n = p.Length;
        // Idᵢ = i + 1: ∂²/∂Vᵢ∂Wᵢ = Idᵢ; ∂²/∂V₀² = −sin V₀.
        var hand = new double[n * n];
        for (int i = 0; i < 3; i++) hand[2 * i * n + 2 * i + 1] = hand[(2 * i + 1) * n + 2 * i] = i + 1;
        hand[0] = -Math.Sin(0.4);
        HessianLocalArrayTests.AssertClose(hand, h, 1e-14, "Σ VWId + sin V0 by hand");
        HessianLocalArrayTests.AssertClose(Central("Labelled", p), h, 1e-6, "vs central differences of MBackward's gradient");
    }

    [Fact]
    public void AFloatMethodOverVector2_MatchesHand()
    {
        double[] p = { 0.5, -1.25, 2.0, 0.75 };
        var h = Run("Cubic", p);
        // Σ X²Y: ∂²/∂X² = 2Y, ∂²/∂X∂Y = 2X, ∂²/∂Y² = 0.
        var hand = new double[16];
        for (int i = 0; i < 2; i++)
        {
            int x = 2 * i, y = x + 1;
            hand[x * 4 + x] = 2 * p[y];
            hand[x * 4 + y] = hand[y * 4 + x] = 2 * p[x];
        }
        HessianLocalArrayTests.AssertClose(hand, h, 1e-6, "Σ X²Y in float by hand");
    }

    [Fact]
    public void ADoubleMethodOverVector2_MatchesHandAndCentralDifferences()
    {
        double[] p = { 0.5, -1.25, -0.3, 0.75, 1.6 };
        var h = Run("Mixed", p);
        int n = p.Length;
        double k = p[4];
        var hand = new double[n * n];
        for (int i = 0; i < 2; i++)
        {
            int x = 2 * i, y = x + 1;
            double X = (float)p[x], Y = (float)p[y], e = Math.Exp(X);
            // k·eˣ·Y: ∂²/∂X² = k eˣ Y, ∂²/∂X∂Y = k eˣ, ∂²/∂X∂k = eˣ Y, ∂²/∂Y∂k = eˣ.
            hand[x * n + x] = k * e * Y;
            hand[x * n + y] = hand[y * n + x] = k * e;
            hand[x * n + 4] = hand[4 * n + x] = e * Y;
            hand[y * n + 4] = hand[4 * n + y] = e;
        }
        // The Vector2 members' adjoint tangents are computed in float, as their gradient is.
        HessianLocalArrayTests.AssertClose(hand, h, 1e-6, "Σ k·exp(X)·Y by hand");
        // The gradient is float-precise: central differences take a wider step, and a tolerance to match.
        HessianLocalArrayTests.AssertClose(HessianModeTests.CentralHessian(Method<Action<double[], double[]>>("MixedG"), Vs(p), 1e-2), h, 2e-2, "vs central differences of MBackward's gradient");
    }

    /// <summary>The point as the float members hold it, so that central differences step from the same values.</summary>
    private static double[] Vs(double[] p) => p.Select((x, k) => k < p.Length - 1 ? (double)(float)x : x).ToArray();

    [Theory]
    [InlineData("ps[0].X = w; return ps[0].X * ps[0].Y * w;", "Pt[] ps", "ps")]
    [InlineData("return Helper(ps) * w;", "Helper(ps)", "Helper")]
    public void WhatStaysRefused_IsADG0019AtIt(string body, string at, string says)
    {
        // A written array is an output as well; a callee's MBackwardTangent takes no array of structs.
        string source = "using AutoDiffGen;\npublic struct Pt { public double X; public double Y; }\npublic static partial class F\n{\n"
            + "    [Differentiable(Hessian = true)]\n    public static double G(Pt[] ps, double w) { " + body + " }\n"
            + "    [Differentiable]\n    public static double Helper(Pt[] ps) { double s = 0; for (int i = 0; i < ps.Length; i++) s += ps[i].X * ps[i].Y; return s; }\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0019", at, says, "GBackward");
    }

    [Fact]
    public void AComplexArray_StaysRefusedAtTheParameter()
    {
        const string source = "using System.Numerics;\nusing AutoDiffGen;\npublic static partial class F\n{\n    [Differentiable(Hessian = true)]\n"
            + "    public static double G(Complex[] zs) => zs[0].Real * zs[0].Imaginary;\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0019", "Complex[] zs", "zs", "GBackward");
    }
}
