using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// A Hessian-mode call passing a local array that is stored into after the call, or passed in a loop (hess17, issue 14;
/// before, ADG0019 at the call: 8 of the 96 reverse-mode programs hess16's survey found Hessian mode refusing). The array
/// is passed as a copy taken at the call, and the product keeps the copy's tangents with it (per iteration on two array
/// tapes in a loop) for its reverse sweep's call. Checked by hand and against central differences of <c>MBackward</c>
/// (<see cref="HessianChecks"/>), with a callee with <c>Hessian = true</c> and one without. Since hess19 an array made at
/// the call in a loop (<c>new[] { … }</c>, <c>[ … ]</c>, a params list, for an array or span parameter) is copied the same way.
/// </summary>
public class HessianCopiedArrayCallTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace HessCopied;

        public static partial class Lib
        {
            [Differentiable(Hessian = true)]
            public static double SumSq(double[] v) { double s = 0; for (int i = 0; i < v.Length; i++) s += v[i] * v[i]; return s; }

            // No Hessian = true: its MBackwardTangent is written from its body for the caller.
            [Differentiable]
            public static double Dot(double[] x, double[] y) { double s = 0; for (int i = 0; i < x.Length; i++) s += x[i] * y[i]; return s; }

            [Differentiable(Hessian = true)]
            public static double SumP(params double[] v) { double s = 0; for (int i = 0; i < v.Length; i++) s += v[i] * v[i]; return s; }

            [Differentiable]
            public static double Prod(ReadOnlySpan<double> v) => v[0] * v[1] * v[1];

            [Differentiable(Hessian = true)]
            public static double Wave(double x, double[] w) { double s = 0; for (int i = 0; i < w.Length; i++) s += w[i] * Math.Sin(x + i); return s; }
        }

        public static partial class M
        {
            // A new array each iteration: Σₖ (a²(k + 1)² + b²)·a = 5a³ + 2ab². With Forward = true too: the same copy serves MForward.
            [Differentiable(Hessian = true, Forward = true)]
            public static double Fresh(double a, double b)
            {
                double u = 0;
                for (int k = 0; k < 2; k++) { var v = new double[] { a * (k + 1), b }; u += Lib.SumSq(v) * a; }
                return u;
            }
            public static double FreshH(double[] p, double[] h) => FreshHessian(p[0], p[1], h);
            public static double FreshV(double[] p, double[] v, double[] hv) => FreshHessianVector(p[0], p[1], v, hv);
            public static void FreshG(double[] p, double[] g) { double da = 0, db = 0; FreshBackward(p[0], p[1], ref da, ref db); g[0] = da; g[1] = db; }
            public static double FreshT(double a, double b, double ta, double tb) { FreshForward(a, b, ta, tb, out double t); return t; }

            // Made before the loop, only read in it, passed twice: 3b·(a² + a²b²) = 3a²b + 3a²b³.
            [Differentiable(Hessian = true)]
            public static double Before(double a, double b)
            {
                var v = new[] { a, b * a };
                double u = 0;
                for (int k = 0; k < 3; k++) u += Lib.Dot(v, v) * b;
                return u;
            }
            public static double BeforeH(double[] p, double[] h) => BeforeHessian(p[0], p[1], h);
            public static double BeforeV(double[] p, double[] v, double[] hv) => BeforeHessianVector(p[0], p[1], v, hv);
            public static void BeforeG(double[] p, double[] g) { double da = 0, db = 0; BeforeBackward(p[0], p[1], ref da, ref db); g[0] = da; g[1] = db; }

            // Stored into after the call: s = a² + b², then v = (s·b, b): a·s + s·b·b = a³ + ab² + a²b² + b⁴.
            [Differentiable(Hessian = true)]
            public static double After(double a, double b)
            {
                var v = new[] { a, b };
                double s = Lib.SumSq(v);
                v[0] = s * b;
                return (s * a) + (v[0] * v[1]);
            }
            public static double AfterH(double[] p, double[] h) => AfterHessian(p[0], p[1], h);
            public static double AfterV(double[] p, double[] v, double[] hv) => AfterHessianVector(p[0], p[1], v, hv);
            public static void AfterG(double[] p, double[] g) { double da = 0, db = 0; AfterBackward(p[0], p[1], ref da, ref db); g[0] = da; g[1] = db; }

            // Stored into after the call in the loop: (a² + b²) + (a² + a²b²) = 2a² + b² + a²b².
            [Differentiable(Hessian = true)]
            public static double Carried(double a, double b)
            {
                var v = new[] { a, b };
                double u = 0;
                for (int k = 0; k < 2; k++) { u += Lib.SumSq(v); v[1] = v[1] * a; }
                return u;
            }
            public static double CarriedH(double[] p, double[] h) => CarriedHessian(p[0], p[1], h);
            public static double CarriedV(double[] p, double[] v, double[] hv) => CarriedHessianVector(p[0], p[1], v, hv);
            public static void CarriedG(double[] p, double[] g) { double da = 0, db = 0; CarriedBackward(p[0], p[1], ref da, ref db); g[0] = da; g[1] = db; }

            // Arrays made at the call in a loop (hess19; ADG0019 at the call before): each is copied at the call as a local array
            // passed in a loop is, and the product keeps each iteration's copy and its tangents for its reverse sweep's call.
            // A collection expression, Forward = true too: Σₖ₌₁,₂ (a²k² + a²b²)·b = 5a²b + 2a²b³.
            [Differentiable(Hessian = true, Forward = true)]
            public static double AtCall(double a, double b) { double u = 0; for (int k = 1; k < 3; k++) u += Lib.SumSq([a * k, b * a]) * b; return u; }
            public static double AtCallH(double[] p, double[] h) => AtCallHessian(p[0], p[1], h);
            public static double AtCallV(double[] p, double[] v, double[] hv) => AtCallHessianVector(p[0], p[1], v, hv);
            public static void AtCallG(double[] p, double[] g) { double da = 0, db = 0; AtCallBackward(p[0], p[1], ref da, ref db); g[0] = da; g[1] = db; }
            public static double AtCallT(double a, double b, double ta, double tb) { AtCallForward(a, b, ta, tb, out double t); return t; }

            // A params list: Σₖ₌₁,₂ (a² + b²k²)·a = 2a³ + 5ab².
            [Differentiable(Hessian = true)]
            public static double Params(double a, double b) { double u = 0; for (int k = 1; k < 3; k++) u += Lib.SumP(a, b * k) * a; return u; }
            public static double ParamsH(double[] p, double[] h) => ParamsHessian(p[0], p[1], h);
            public static double ParamsV(double[] p, double[] v, double[] hv) => ParamsHessianVector(p[0], p[1], v, hv);
            public static void ParamsG(double[] p, double[] g) { double da = 0, db = 0; ParamsBackward(p[0], p[1], ref da, ref db); g[0] = da; g[1] = db; }

            // Two new[] at one call to a callee without Hessian = true: Σₖ₌₁,₂ (a²b + abk)·b = 2a²b² + 3ab².
            [Differentiable(Hessian = true)]
            public static double TwoAtCall(double a, double b) { double u = 0; for (int k = 1; k < 3; k++) u += Lib.Dot(new[] { a * a, b }, new double[] { b, a * k }) * b; return u; }
            public static double TwoAtCallH(double[] p, double[] h) => TwoAtCallHessian(p[0], p[1], h);
            public static double TwoAtCallV(double[] p, double[] v, double[] hv) => TwoAtCallHessianVector(p[0], p[1], v, hv);
            public static void TwoAtCallG(double[] p, double[] g) { double da = 0, db = 0; TwoAtCallBackward(p[0], p[1], ref da, ref db); g[0] = da; g[1] = db; }

            // A collection expression for a ReadOnlySpan parameter: Σₖ₌₁,₂ a·(bk)²·a = 5a²b².
            [Differentiable(Hessian = true)]
            public static double SpanAtCall(double a, double b) { double u = 0; for (int k = 1; k < 3; k++) u += Lib.Prod([a, b * k]) * a; return u; }
            public static double SpanAtCallH(double[] p, double[] h) => SpanAtCallHessian(p[0], p[1], h);
            public static double SpanAtCallV(double[] p, double[] v, double[] hv) => SpanAtCallHessianVector(p[0], p[1], v, hv);
            public static void SpanAtCallG(double[] p, double[] g) { double da = 0, db = 0; SpanAtCallBackward(p[0], p[1], ref da, ref db); g[0] = da; g[1] = db; }

            // An array made at the call in a loop that carries no gradient, beside a scalar that does (hess19's survey: the
            // reverse sweep's call must see this iteration's values): b²·(sin 1 + 0.5 sin a + 2 sin(a + 1)).
            [Differentiable(Hessian = true)]
            public static double ConstantAtCall(double a, double b) { double u = 0; for (int k = 0; k < 2; k++) u += Lib.Wave(a * k, new[] { 0.5, k + 1.0 }) * b * b; return u; }
            public static double ConstantAtCallH(double[] p, double[] h) => ConstantAtCallHessian(p[0], p[1], h);
            public static double ConstantAtCallV(double[] p, double[] v, double[] hv) => ConstantAtCallHessianVector(p[0], p[1], v, hv);
            public static void ConstantAtCallG(double[] p, double[] g) { double da = 0, db = 0; ConstantAtCallBackward(p[0], p[1], ref da, ref db); g[0] = da; g[1] = db; }

            // HessianLocalArrayTests' two refusals before hess17. Sum2(t) = x·x² = x³; then t[0] = x³: x³·x = x⁴.
            [Differentiable(Hessian = true)] public static double Sum2(double[] v) => v[0] * v[1];
            [Differentiable(Hessian = true)]
            public static double Later(double x) { var t = new double[2]; t[0] = x; t[1] = x * x; double s = Sum2(t); t[0] = s; return t[0] * x; }
            public static double LaterH(double[] p, double[] h) => LaterHessian(p[0], h);
            public static double LaterV(double[] p, double[] v, double[] hv) => LaterHessianVector(p[0], v, hv);
            public static void LaterG(double[] p, double[] g) { double dx = 0; LaterBackward(p[0], ref dx); g[0] = dx; }

            // Twice x³ in a loop: 2x³.
            [Differentiable(Hessian = true)]
            public static double Twice(double x) { var t = new double[2]; t[0] = x; t[1] = x * x; double s = 0; for (int i = 0; i < 2; i++) s += Sum2(t); return s; }
            public static double TwiceH(double[] p, double[] h) => TwiceHessian(p[0], h);
            public static double TwiceV(double[] p, double[] v, double[] hv) => TwiceHessianVector(p[0], v, hv);
            public static void TwiceG(double[] p, double[] g) { double dx = 0; TwiceBackward(p[0], ref dx); g[0] = dx; }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("HessCopied.M", throwOnError: true)!);

    private static T Method<T>(string name) where T : Delegate =>
        Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    private static void Check(string name, double a, double b, double[] hand) =>
        HessianChecks.Check(name, Method<Func<double[], double[], double>>(name + "H"), Method<Func<double[], double[], double[], double>>(name + "V"),
            Method<Action<double[], double[]>>(name + "G"), new[] { a, b }, hand, HessianChecks.Double);

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-0.45, 0.8)]
    public void ArrayMadeInTheLoop_MatchesHand(double a, double b)
    {
        // 5a³ + 2ab²: f_aa = 30a, f_ab = 4b, f_bb = 4a.
        Check("Fresh", a, b, new[] { 30 * a, 4 * b, 4 * b, 4 * a });
        // MForward along (0.5, −1.25): f_a = 15a² + 2b², f_b = 4ab.
        double tangent = Method<Func<double, double, double, double, double>>("FreshT")(a, b, 0.5, -1.25);
        Tolerance.AssertFormula((0.5 * ((15 * a * a) + (2 * b * b))) - (1.25 * 4 * a * b), tangent, "FreshForward along (0.5, -1.25) by hand");
    }

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-0.45, 0.8)]
    public void ArraysMadeAtTheCallInALoop_MatchHand(double a, double b)
    {
        // hess19 (ADG0019 at the call before). 5a²b + 2a²b³: f_aa = 10b + 4b³, f_ab = 10a + 12ab², f_bb = 12a²b.
        Check("AtCall", a, b, new[] { (10 * b) + (4 * b * b * b), (10 * a) + (12 * a * b * b), (10 * a) + (12 * a * b * b), 12 * a * a * b });
        // MForward along (0.5, −1.25): f_a = 10ab + 4ab³, f_b = 5a² + 6a²b².
        double tangent = Method<Func<double, double, double, double, double>>("AtCallT")(a, b, 0.5, -1.25);
        Tolerance.AssertFormula((0.5 * ((10 * a * b) + (4 * a * b * b * b))) - (1.25 * ((5 * a * a) + (6 * a * a * b * b))), tangent, "AtCallForward along (0.5, -1.25) by hand");
        // 2a³ + 5ab² (a params list): f_aa = 12a, f_ab = 10b, f_bb = 10a.
        Check("Params", a, b, new[] { 12 * a, 10 * b, 10 * b, 10 * a });
        // 2a²b² + 3ab² (two arrays at one call, callee without Hessian = true): f_aa = 4b², f_ab = 8ab + 6b, f_bb = 4a² + 6a.
        Check("TwoAtCall", a, b, new[] { 4 * b * b, (8 * a * b) + (6 * b), (8 * a * b) + (6 * b), (4 * a * a) + (6 * a) });
        // 5a²b² (a span made at the call): f_aa = 10b², f_ab = 20ab, f_bb = 10a².
        Check("SpanAtCall", a, b, new[] { 10 * b * b, 20 * a * b, 20 * a * b, 10 * a * a });
        // b²·(sin 1 + 0.5 sin a + 2 sin(a + 1)) (a constant array beside a varied scalar): f_aa = −b²(0.5 sin a + 2 sin(a + 1)),
        // f_ab = 2b(0.5 cos a + 2 cos(a + 1)), f_bb = 2(sin 1 + 0.5 sin a + 2 sin(a + 1)).
        double s = (0.5 * Math.Sin(a)) + (2 * Math.Sin(a + 1)), c = (0.5 * Math.Cos(a)) + (2 * Math.Cos(a + 1));
        Check("ConstantAtCall", a, b, new[] { -b * b * s, 2 * b * c, 2 * b * c, 2 * (Math.Sin(1) + s) });
    }

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-0.45, 0.8)]
    public void ArrayMadeBeforeTheLoop_PassedTwiceToACalleeWithoutHessian_MatchesHand(double a, double b) =>
        // 3a²b + 3a²b³: f_aa = 6b + 6b³, f_ab = 6a + 18ab², f_bb = 18a²b.
        Check("Before", a, b, new[] { (6 * b) + (6 * b * b * b), (6 * a) + (18 * a * b * b), (6 * a) + (18 * a * b * b), 18 * a * a * b });

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-0.45, 0.8)]
    public void StoredIntoAfterTheCall_MatchesHand(double a, double b) =>
        // a³ + ab² + a²b² + b⁴: f_aa = 6a + 2b², f_ab = 2b + 4ab, f_bb = 2a + 2a² + 12b².
        Check("After", a, b, new[] { (6 * a) + (2 * b * b), (2 * b) + (4 * a * b), (2 * b) + (4 * a * b), (2 * a) + (2 * a * a) + (12 * b * b) });

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-0.45, 0.8)]
    public void StoredIntoAfterTheCallInTheLoop_MatchesHand(double a, double b) =>
        // 2a² + b² + a²b²: f_aa = 4 + 2b², f_ab = 4ab, f_bb = 2 + 2a².
        Check("Carried", a, b, new[] { 4 + (2 * b * b), 4 * a * b, 4 * a * b, 2 + (2 * a * a) });

    [Theory]
    [InlineData(0.9)]
    [InlineData(-1.3)]
    public void FormerRefusals_MatchHand(double x)
    {
        // x⁴: 12x²; 2x³: 12x.
        HessianChecks.Check("Later", Method<Func<double[], double[], double>>("LaterH"), Method<Func<double[], double[], double[], double>>("LaterV"),
            Method<Action<double[], double[]>>("LaterG"), new[] { x }, new[] { 12 * x * x }, HessianChecks.Double);
        HessianChecks.Check("Twice", Method<Func<double[], double[], double>>("TwiceH"), Method<Func<double[], double[], double[], double>>("TwiceV"),
            Method<Action<double[], double[]>>("TwiceG"), new[] { x }, new[] { 12 * x }, HessianChecks.Double);
    }

    [Theory]
    [InlineData(0.8, -1.3)]
    [InlineData(-0.6, 0.9)]
    public void ASliceOfALocalArrayPassedInALoop_MatchesHand(double a, double b)
    {
        // ADG0019 at the call until hess18: the slice is now taken of the copy made at the call, with its tangents.
        // v = (a, b, ab) each iteration, Head(v[1..]) = b·ab: f = 2ab², H = [[0, 4b], [4b, 4a]].
        const string source = """
            using System;
            using AutoDiffGen;
            namespace HessCopiedOut;
            public static partial class M
            {
                [Differentiable(Hessian = true)] public static double Head(ReadOnlySpan<double> v) => v[0] * v[1];
                [Differentiable(Hessian = true)]
                public static double F(double a, double b) { double u = 0; for (int k = 0; k < 2; k++) { var v = new[] { a, b, a * b }; u += Head(v.AsSpan(1)); } return u; }
                public static double FH(double[] p, double[] h) => FHessian(p[0], p[1], h);
                public static double FV(double[] p, double[] v, double[] hv) => FHessianVector(p[0], p[1], v, hv);
                public static void FG(double[] p, double[] g) { double da = 0, db = 0; FBackward(p[0], p[1], ref da, ref db); g[0] = da; g[1] = db; }
            }
            """;
        var type = GeneratorHarness.CompileAndLoad(source).GetType("HessCopiedOut.M", throwOnError: true)!;
        HessianChecks.Check("F", type.GetMethod("FH")!.CreateDelegate<Func<double[], double[], double>>(), type.GetMethod("FV")!.CreateDelegate<Func<double[], double[], double[], double>>(),
            type.GetMethod("FG")!.CreateDelegate<Action<double[], double[]>>(), new[] { a, b }, new[] { 0, 4 * b, 4 * b, 4 * a }, HessianChecks.Double);
    }
}
