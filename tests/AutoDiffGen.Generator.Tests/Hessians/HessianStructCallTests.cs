using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Issue 14 (hess14): a <c>Hessian = true</c> method calling a <c>[Differentiable]</c> callee that takes a struct of reals
/// (a readonly struct of get-only properties by <c>in</c>, as X08's <c>Modes.CallsInHessian</c>; a struct of fields; a
/// <c>Vector2</c> in a float method) or returns a tuple or a struct of reals. The product cannot call such a callee (its
/// <c>MBackwardTangent</c> has no struct tangents), so its body is inlined. Each Hessian is checked by hand and against
/// central differences of the generated <c>MBackward</c>'s gradient, <c>MHessianVector</c> against the hand H·v, and the
/// source compiles warning-free under every language version, nullable on and off. What stays refused is ADG0019 at the call.
/// X08's callee itself, <c>Hessian = true</c> on a readonly struct of get-only properties, is checked by hand too (hess14).
/// </summary>
public class HessianStructCallTests
{
    // C# 7.3 throughout (no records, no nullable annotations): the language-version test compiles it as it is.
    private const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;
        namespace HessStructCalls
        {
            public readonly struct P2
            {
                public P2(double x, double y) { X = x; Y = y; }
                public double X { get; }
                public double Y { get; }
            }
            public struct Pt
            {
                public double X;
                public double Y;
                public Pt(double x, double y) { X = x; Y = y; }
            }
            public static partial class Lib
            {
                // X08's Modes.InHessian word for word: Hessian = true on a readonly struct of get-only properties by in (ADG0019 at
                // its parameter until hess14, whose product forms no adjoint struct).
                [Differentiable(Hessian = true)] public static double InP2(in P2 p, double w) => p.X * p.Y * w + Math.Exp(p.X * w);
                // InP2 over doubles, for the test.
                public static double InP2H(double x, double y, double w, double[] h) { return InP2Hessian(new P2(x, y), w, h); }
                public static void InP2G(double x, double y, double w, double[] g)
                {
                    var p = new P2(x, y);
                    var dp = new P2(0, 0);
                    double dw = 0;
                    InP2Backward(in p, w, ref dp, ref dw);
                    g[0] = dp.X;
                    g[1] = dp.Y;
                    g[2] = dw;
                }
                [Differentiable] public static (double, double) Polar(double r, double t) => (r * Math.Cos(t), r * Math.Sin(t));
                [Differentiable] public static Pt Scale(Pt p, double s) => new Pt(p.X * s, p.Y * s * s);
                [Differentiable] public static float Len(Vector2 v) => v.X * v.X * v.Y;
                // A block body with a loop and a branch, itself calling a struct callee.
                [Differentiable]
                public static double Walk(Pt p, int n)
                {
                    double s = 0;
                    for (int i = 0; i < n; i++)
                    {
                        if (p.X > 0) s += p.X * p.Y;
                        else s -= p.Y;
                    }
                    return s + InP2(new P2(p.X, p.Y), p.X);
                }
            }
            public static partial class H
            {
                // X08's Modes.CallsInHessian word for word: f = x²y + e^(x²) + y.
                [Differentiable(Hessian = true)]
                public static double CallsInHessian(double x, double y) { return Lib.InP2(new P2(x, y), x) + y; }

                // f = r cos t · r sin t.
                [Differentiable(Hessian = true)]
                public static double Polar2(double r, double t)
                {
                    var (a, b) = Lib.Polar(r, t);
                    return a * b;
                }

                // A struct parameter passed on and a struct result: f = px·py·s³.
                [Differentiable(Hessian = true)]
                public static double Area(Pt p, double s)
                {
                    Pt m = Lib.Scale(p, s);
                    return m.X * m.Y;
                }
                // Area over doubles, for the test (which has no Pt of its own).
                public static double AreaH(double px, double py, double s, double[] h) { return AreaHessian(new Pt(px, py), s, h); }
                public static void AreaV(double px, double py, double s, double[] d, double[] hv) { AreaHessianVector(new Pt(px, py), s, d, hv); }
                public static void AreaG(double px, double py, double s, double[] g)
                {
                    var dp = new Pt(0, 0);
                    double ds = 0;
                    AreaBackward(new Pt(px, py), s, ref dp, ref ds);
                    g[0] = dp.X;
                    g[1] = dp.Y;
                    g[2] = ds;
                }

                // float: f = a²·ab = a³b.
                [Differentiable(Hessian = true)]
                public static float Vec(float a, float b) { return Lib.Len(new Vector2(a, b * a)); }

                // In a loop: f = Σ_{i=1..n} (x·iy·y + e^(xy)) = T·xy² + n·e^(xy), T = n(n + 1)/2.
                [Differentiable(Hessian = true)]
                public static double InLoop(double x, double y, int n)
                {
                    double s = 0;
                    for (int i = 1; i <= n; i++) s += Lib.InP2(new P2(x, i * y), y);
                    return s;
                }

                // f = (x > 0 ? 2xy : −2y) + x²y + e^(x²) (Walk with n = 2).
                [Differentiable(Hessian = true)]
                public static double Walker(double x, double y) { return Lib.Walk(new Pt(x, y), 2); }
            }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("HessStructCalls.H")!);

    private static T Method<T>(string name) where T : Delegate => Compiled.Value.GetMethod(name)!.CreateDelegate<T>();

    private delegate double Hess2(double x, double y, Span<double> h);
    private delegate double HessVec2(double x, double y, ReadOnlySpan<double> v, Span<double> hv);
    private delegate double Back2(double x, double y, ref double dx, ref double dy, double seed);

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void Callers_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        foreach (var name in new[] { "CallsInHessian", "Polar2", "Area", "Vec", "InLoop", "Walker" })
            Assert.Contains(result.Generated.Values, t => t.Contains(" " + name + "HessianVector(", StringComparison.Ordinal));
    }

    private static void AssertTwoByTwo(string name, double x, double y, double[] hand)
    {
        var h = new double[4];
        Method<Hess2>(name + "Hessian")(x, y, h);
        var back = Method<Back2>(name + "Backward");
        var central = HessianModeTests.CentralHessian((p, g) =>
        {
            double dx = 0, dy = 0;
            back(p[0], p[1], ref dx, ref dy, 1);
            g[0] = dx;
            g[1] = dy;
        }, new[] { x, y });
        for (int q = 0; q < 4; q++)
        {
            Tolerance.AssertFormula(hand[q], h[q], name + " H[" + q + "] by hand");
            Tolerance.AssertCentral(central[q], h[q], 10, name + " H[" + q + "] vs central differences of MBackward");
        }
        double[] v = { 0.7, -1.2 };
        var hv = new double[2];
        Method<HessVec2>(name + "HessianVector")(x, y, v, hv);
        for (int i = 0; i < 2; i++) Tolerance.AssertFormula(hand[2 * i] * v[0] + hand[2 * i + 1] * v[1], hv[i], name + " (H·v)[" + i + "] by hand");
    }

    [Theory]
    [InlineData(0.6, 1.3)]
    [InlineData(-0.9, 0.4)]
    public void NaturalCallsInHessian_MatchesHand(double x, double y)
    {
        // f = x²y + e^(x²) + y: f_xx = 2y + (2 + 4x²)e^(x²), f_xy = 2x, f_yy = 0.
        double e = Math.Exp(x * x);
        Tolerance.AssertFormula(x * x * y + e + y, Method<Hess2>("CallsInHessianHessian")(x, y, new double[4]), "value");
        AssertTwoByTwo("CallsInHessian", x, y, new[] { 2 * y + (2 + 4 * x * x) * e, 2 * x, 2 * x, 0 });
    }

    [Theory]
    [InlineData(1.4, 0.3)]
    [InlineData(0.7, -1.1)]
    public void TupleReturningCallee_MatchesHand(double r, double t)
    {
        // f = r² cos t sin t = ½ r² sin 2t: f_rr = sin 2t, f_rt = 2r cos 2t, f_tt = −2r² sin 2t.
        double s2 = Math.Sin(2 * t), c2 = Math.Cos(2 * t);
        AssertTwoByTwo("Polar2", r, t, new[] { s2, 2 * r * c2, 2 * r * c2, -2 * r * r * s2 });
    }

    [Theory]
    [InlineData(0.8, 1.2)]
    [InlineData(-0.5, 0.9)]
    public void StructCalleeThroughABranchAndAnotherStructCallee_MatchesHand(double x, double y)
    {
        // Walk(p, 2) = ±(2xy or −2y) + x²y + e^(x²): x > 0 → f_xy = 2 + 2x, else 2x; f_xx = 2y + (2 + 4x²)e^(x²), f_yy = 0.
        double e = Math.Exp(x * x), fxy = x > 0 ? 2 + 2 * x : 2 * x;
        AssertTwoByTwo("Walker", x, y, new[] { 2 * y + (2 + 4 * x * x) * e, fxy, fxy, 0 });
    }

    private delegate double Hess3(double x, double y, int n, Span<double> h);
    private delegate double Back3(double x, double y, int n, ref double dx, ref double dy, double seed);

    [Theory]
    [InlineData(0.5, -0.7, 1)]
    [InlineData(-0.3, 0.8, 3)]
    public void StructCalleeInALoop_MatchesHand(double x, double y, int n)
    {
        // f = T·xy² + n·e^(xy), T = n(n + 1)/2: f_xx = n y² e, f_xy = 2Ty + n e (1 + xy), f_yy = 2Tx + n x² e.
        double e = Math.Exp(x * y), T = n * (n + 1) / 2.0;
        double[] hand = { n * y * y * e, 2 * T * y + n * e * (1 + x * y), 2 * T * y + n * e * (1 + x * y), 2 * T * x + n * x * x * e };
        var h = new double[4];
        Method<Hess3>("InLoopHessian")(x, y, n, h);
        var back = Method<Back3>("InLoopBackward");
        var central = HessianModeTests.CentralHessian((p, g) =>
        {
            double dx = 0, dy = 0;
            back(p[0], p[1], n, ref dx, ref dy, 1);
            g[0] = dx;
            g[1] = dy;
        }, new[] { x, y });
        for (int q = 0; q < 4; q++)
        {
            Tolerance.AssertFormula(hand[q], h[q], "H[" + q + "] by hand");
            Tolerance.AssertCentral(central[q], h[q], 10, "H[" + q + "] vs central differences of MBackward");
        }
    }

    private delegate double Hess3D(double a, double b, double c, double[] h);
    private delegate void Vec3D(double a, double b, double c, double[] d, double[] hv);
    private delegate void Grad3D(double a, double b, double c, double[] g);

    [Fact]
    public void StructParameterPassedOn_StructResult_MatchesHand()
    {
        // f = px·py·s³ over (p.X, p.Y, s): H = [[0, s³, 3py s²], [s³, 0, 3px s²], [3py s², 3px s², 6 px py s]].
        double px = 0.9, py = -1.3, s = 1.1;
        double[] hand = { 0, s * s * s, 3 * py * s * s, s * s * s, 0, 3 * px * s * s, 3 * py * s * s, 3 * px * s * s, 6 * px * py * s };
        var h = new double[9];
        Tolerance.AssertFormula(px * py * s * s * s, Method<Hess3D>("AreaH")(px, py, s, h), "value");
        var gradient = Method<Grad3D>("AreaG");
        var central = HessianModeTests.CentralHessian((p, g) => gradient(p[0], p[1], p[2], g), new[] { px, py, s });
        for (int q = 0; q < 9; q++)
        {
            Tolerance.AssertFormula(hand[q], h[q], "H[" + q + "] by hand");
            Tolerance.AssertCentral(central[q], h[q], 10, "H[" + q + "] vs central differences of MBackward");
        }
        double[] d = { 0.3, -0.8, 0.5 };
        var hv = new double[3];
        Method<Vec3D>("AreaV")(px, py, s, d, hv);
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(hand[3 * i] * d[0] + hand[3 * i + 1] * d[1] + hand[3 * i + 2] * d[2], hv[i], "(H·v)[" + i + "] by hand");
    }

    [Theory]
    [InlineData(0.7, -1.1, 0.9)]
    [InlineData(-0.4, 0.8, 1.3)]
    public void NaturalInHessian_ReadonlyStructOfGetOnlyProperties_MatchesHand(double x, double y, double w)
    {
        // f = XYw + e^(Xw) over (X, Y, w): f_XX = w²e, f_XY = w, f_Xw = Y + e(1 + Xw), f_YY = 0, f_Yw = X, f_ww = X²e.
        double e = Math.Exp(x * w), xw = y + e * (1 + x * w);
        double[] hand = { w * w * e, w, xw, w, 0, x, xw, x, x * x * e };
        var lib = Compiled.Value.Assembly.GetType("HessStructCalls.Lib")!;
        var h = new double[9];
        double value = lib.GetMethod("InP2H")!.CreateDelegate<Hess3D>()(x, y, w, h);
        Tolerance.AssertFormula(x * y * w + e, value, "value");
        var gradient = lib.GetMethod("InP2G")!.CreateDelegate<Grad3D>();
        var central = HessianModeTests.CentralHessian((p, g) => gradient(p[0], p[1], p[2], g), new[] { x, y, w });
        for (int q = 0; q < 9; q++)
        {
            Tolerance.AssertFormula(hand[q], h[q], "H[" + q + "] by hand");
            Tolerance.AssertCentral(central[q], h[q], 10, "H[" + q + "] vs central differences of MBackward");
        }
    }

    private delegate float HessF(float a, float b, Span<float> h);
    private delegate float BackF(float a, float b, ref float da, ref float db, float seed);

    [Theory]
    [InlineData(0.8f, 1.5f)]
    [InlineData(-1.2f, 0.6f)]
    public void Vector2CalleeInAFloatMethod_MatchesHand(float a, float b)
    {
        // f = a³b: H = [[6ab, 3a²], [3a², 0]], in float.
        double[] hand = { 6.0 * a * b, 3.0 * a * a, 3.0 * a * a, 0 };
        var h = new float[4];
        Method<HessF>("VecHessian")(a, b, h);
        var back = Method<BackF>("VecBackward");
        // The gradient is quadratic, so central differences with a wide step are exact but for float rounding.
        var central = HessianModeTests.CentralHessian((p, g) =>
        {
            float da = 0, db = 0;
            back((float)p[0], (float)p[1], ref da, ref db, 1);
            g[0] = da;
            g[1] = db;
        }, new double[] { a, b }, 1e-2);
        for (int q = 0; q < 4; q++)
        {
            Tolerance.AssertClose(hand[q], h[q], 1e-5 * Math.Max(1, Math.Abs(hand[q])), "H[" + q + "] by hand (float)");
            Tolerance.AssertClose(central[q], h[q], 1e-3 * Math.Max(1, Math.Abs(hand[q])), "H[" + q + "] vs central differences of MBackward (float)");
        }
    }

    [Fact]
    public void RecursiveStructCallee_IsADG0019AtTheCall()
    {
        // A recursive callee is not inlined (its call inside itself would stay a call taking a struct): the caller's call
        // keeps its refusal, at the call, saying what to write.
        HessianRefusalAssert.AtConstruct("""
                public struct Pt { public double X; public double Y; public Pt(double x, double y) { X = x; Y = y; } }
                [Differentiable] public static double Rec(Pt p, int n) => n <= 0 ? p.X * p.Y : Rec(new Pt(p.Y, p.X), n - 1) + p.X;
                [Differentiable(Hessian = true)] public static double F(double x, double y) => Rec(new Pt(x, y), 2) * x;
            """, "Rec(new Pt(x, y), 2)", "give 'Rec' the members as double parameters");
    }
}
