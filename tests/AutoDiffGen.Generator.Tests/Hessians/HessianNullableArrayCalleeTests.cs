using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// A Hessian-mode call to a callee whose array parameter is declared <c>double[]?</c> and only read (hess16: the property
/// generator's <c>Guard(double x, double[]? w)</c>, 88 of the 96 reverse-mode programs Hessian mode refused; before, ADG0019
/// at the call). Its <c>MBackwardTangent</c> takes the tangent as a span, over null one of length 0. Checked by hand and against
/// central differences of <c>MBackward</c> (<see cref="HessianChecks"/>): a static array, null, the caller's own array and
/// a local array passed to it, and a caller's <c>double[]?</c> passed on, null and not.
/// </summary>
public class HessianNullableArrayCalleeTests
{
    private const string Source = """
        #nullable enable
        using System;
        using AutoDiffGen;

        namespace HessGuard;

        public static partial class M
        {
            private static readonly double[] W = { 0.5, -1.25, 2.0 };

            [Differentiable]
            public static double Guard(double x, double[]? w)
            {
                if (w == null) return Math.Sin(x);
                return x * x * w[0] + w[2] * x;
            }

            // 0.5x²y² + 2xy + sin y.
            [Differentiable(Hessian = true)]
            public static double Both(double x, double y) => Guard(x * y, W) + Guard(y, null);
            public static double BothH(double[] p, double[] h) => BothHessian(p[0], p[1], h);
            public static double BothV(double[] p, double[] v, double[] hv) => BothHessianVector(p[0], p[1], v, hv);
            public static void BothG(double[] p, double[] g) { double dx = 0, dy = 0; BothBackward(p[0], p[1], ref dx, ref dy); g[0] = dx; g[1] = dy; }

            // (x²p0 + p2·x)·x over (x, p0, p1, p2).
            [Differentiable(Hessian = true)]
            public static double Own(double x, double[] p) => Guard(x, p) * x;
            public static double OwnH(double[] q, double[] h) => OwnHessian(q[0], q[1..], h);
            public static double OwnV(double[] q, double[] v, double[] hv) => OwnHessianVector(q[0], q[1..], v, hv);
            public static void OwnG(double[] q, double[] g) { double dx = 0; var dp = new double[3]; OwnBackward(q[0], q[1..], ref dx, dp); g[0] = dx; dp.CopyTo(g, 1); }

            // a = (x, y, xy): y²x + xy·y = 2xy².
            [Differentiable(Hessian = true)]
            public static double Local(double x, double y) { var a = new[] { x, y, x * y }; return Guard(y, a); }
            public static double LocalH(double[] p, double[] h) => LocalHessian(p[0], p[1], h);
            public static double LocalV(double[] p, double[] v, double[] hv) => LocalHessianVector(p[0], p[1], v, hv);
            public static void LocalG(double[] p, double[] g) { double dx = 0, dy = 0; LocalBackward(p[0], p[1], ref dx, ref dy); g[0] = dx; g[1] = dy; }

            // Passed on: with p null, sin x (n = 1); with p of three, x²p0 + p2·x (n = 4).
            [Differentiable(Hessian = true)]
            public static double On(double x, double[]? p) => Guard(x, p);
            public static double OnNullH(double[] q, double[] h) => OnHessian(q[0], null, h);
            public static double OnNullV(double[] q, double[] v, double[] hv) => OnHessianVector(q[0], null, v, hv);
            public static void OnNullG(double[] q, double[] g) { double dx = 0; OnBackward(q[0], null, ref dx, null); g[0] = dx; }
            public static double OnH(double[] q, double[] h) => OnHessian(q[0], q[1..], h);
            public static double OnV(double[] q, double[] v, double[] hv) => OnHessianVector(q[0], q[1..], v, hv);
            public static void OnG(double[] q, double[] g) { double dx = 0; var dp = new double[3]; OnBackward(q[0], q[1..], ref dx, dp); g[0] = dx; dp.CopyTo(g, 1); }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("HessGuard.M", throwOnError: true)!);

    private static T Method<T>(string name) where T : Delegate =>
        Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    private static void Check(string name, double[] p, double[] hand) =>
        HessianChecks.Check(name, Method<Func<double[], double[], double>>(name + "H"), Method<Func<double[], double[], double[], double>>(name + "V"),
            Method<Action<double[], double[]>>(name + "G"), p, hand, HessianChecks.Double);

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-0.4, 0.9)]
    public void StaticArrayAndNull_MatchHand(double x, double y) =>
        // f = 0.5x²y² + 2xy + sin y: f_xx = y², f_xy = 2xy + 2, f_yy = x² − sin y.
        Check("Both", new[] { x, y }, new[] { y * y, (2 * x * y) + 2, (2 * x * y) + 2, (x * x) - Math.Sin(y) });

    [Fact]
    public void CallersOwnArray_MatchesHand()
    {
        double x = 0.8, p0 = -0.6, p1 = 1.1, p2 = 0.35;
        // f = x³p0 + p2x²: f_xx = 6x·p0 + 2p2, f_x,p0 = 3x², f_x,p2 = 2x, the rest 0.
        var hand = new double[16];
        hand[0] = (6 * x * p0) + (2 * p2);
        hand[1] = hand[4] = 3 * x * x;
        hand[3] = hand[12] = 2 * x;
        Check("Own", new[] { x, p0, p1, p2 }, hand);
    }

    [Fact]
    public void LocalArray_MatchesHand()
    {
        double x = 0.45, y = -1.2;
        // f = 2xy²: f_xx = 0, f_xy = 4y, f_yy = 4x.
        Check("Local", new[] { x, y }, new[] { 0, 4 * y, 4 * y, 4 * x });
    }

    [Fact]
    public void NullableParameterPassedOn_NullAndNot_MatchHand()
    {
        double x = 1.3, p0 = 0.25, p1 = -2.0, p2 = 0.75;
        Check("OnNull", new[] { x }, new[] { -Math.Sin(x) });
        // f = x²p0 + p2x: f_xx = 2p0, f_x,p0 = 2x, f_x,p2 = 1.
        var hand = new double[16];
        hand[0] = 2 * p0;
        hand[1] = hand[4] = 2 * x;
        hand[3] = hand[12] = 1;
        Check("On", new[] { x, p0, p1, p2 }, hand);
    }
}
