using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms14b;

/// <summary>
/// <see cref="Idioms14bExamples"/>: each gradient by hand and against central differences (CentralDifferenceRunner),
/// MForward against MBackward along a direction, GotoCleanup's MHessian by hand.
/// </summary>
public class Idioms14bTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Idioms14bExamples.Source));

    private static MethodInfo Get(string type, string name) => Compiled.Value.GetType(type)!.GetMethod(name)!;

    [Theory]
    [InlineData(0.9, 1.4)]
    [InlineData(0.8, 0.6)]
    [InlineData(0.3, -0.7)]
    public void AGotoOutOfNestedIfs_ToACleanupLabel_ByHand(double x, double y)
    {
        var g = CentralDifferenceRunner.Check(Get("Jumps", "GotoCleanup"), null, new object[] { x, y });
        double r, drx, dry;
        if (x > 0.5 && y > 1)
        {
            (r, drx, dry) = ((x * y) + Math.Sin(x), y + Math.Cos(x), x);
        }
        else if (x > 0.5)
        {
            (r, drx, dry) = ((((x * y) + Math.Sin(x)) * y) - (0.25 * x), ((y + Math.Cos(x)) * y) - 0.25, (2 * x * y) + Math.Sin(x));
        }
        else
        {
            (r, drx, dry) = ((x * y) - (0.25 * x), y - 0.25, x);
        }
        Tolerance.AssertFormula(r * r, g.Value, "GotoCleanup value");
        Tolerance.AssertFormula(2 * r * drx, g.Gradient[0]![0], "dGotoCleanup/dx");
        Tolerance.AssertFormula(2 * r * dry, g.Gradient[1]![0], "dGotoCleanup/dy");
    }

    private delegate double Hessian2(double x, double y, Span<double> hessian);

    [Fact]
    public void AGotoOutOfNestedIfs_Hessian_ByHand()
    {
        // x <= 0.5: r = x (y - 1/4), f = r²: H = 2 (∇r ∇rᵀ + r ∇²r), ∇r = (y - 1/4, x), ∇²r = [[0, 1], [1, 0]].
        const double x = 0.3, y = -0.7;
        var h = new double[4];
        double value = Get("Jumps", "GotoCleanupHessian").CreateDelegate<Hessian2>()(x, y, h);
        double r = x * (y - 0.25), a = y - 0.25;
        Tolerance.AssertFormula(r * r, value, "GotoCleanupHessian value");
        AssertAll(new[] { 2 * a * a, 2 * ((a * x) + r), 2 * ((a * x) + r), 2 * x * x }, h, "GotoCleanupHessian");
        // x > 0.5, y > 1: r = xy + sin x: ∇r = (y + cos x, x), ∇²r = [[-sin x, 1], [1, 0]].
        const double u = 0.9, w = 1.4;
        value = Get("Jumps", "GotoCleanupHessian").CreateDelegate<Hessian2>()(u, w, h);
        double q = (u * w) + Math.Sin(u), b = w + Math.Cos(u);
        Tolerance.AssertFormula(q * q, value, "GotoCleanupHessian value");
        AssertAll(new[] { 2 * ((b * b) - (q * Math.Sin(u))), 2 * ((b * u) + q), 2 * ((b * u) + q), 2 * u * u }, h, "GotoCleanupHessian");
    }

    [Theory]
    [InlineData(0.9, 0.4)]
    [InlineData(0.5, 0.8)]
    [InlineData(0.6, -0.3)]
    [InlineData(-0.4, 0.7)]
    public void AGotoThreeIfsDeep_AndFromAnElse_ByHand(double x, double y)
    {
        var d = CentralDifferenceRunner.Check(Get("Jumps", "Deep"), null, new object[] { x, y });
        // x > y > 0: f = 2xy + x; 0 < x <= y: f = 2x²y + 2x²; x > 0 >= y: f = 2xy - e^y; x <= 0: f = x² + xy.
        var (f, dx, dy) = x > 0 && y > 0 && x > y ? ((2 * x * y) + x, (2 * y) + 1, 2 * x)
            : x > 0 && y > 0 ? ((2 * x * x * y) + (2 * x * x), (4 * x * y) + (4 * x), 2 * x * x)
            : x > 0 ? ((2 * x * y) - Math.Exp(y), 2 * y, (2 * x) - Math.Exp(y))
            : ((x * x) + (x * y), (2 * x) + y, x);
        Tolerance.AssertFormula(f, d.Value, "Deep value");
        Tolerance.AssertFormula(dx, d.Gradient[0]![0], "dDeep/dx");
        Tolerance.AssertFormula(dy, d.Gradient[1]![0], "dDeep/dy");
    }

    [Theory]
    [InlineData(1.5f, 0.5f)]
    [InlineData(0.5f, 1.5f)]
    [InlineData(1.5f, -0.75f)]
    public void APropertyPatternOnAVector2_TestsThePrimal_ByHand(float x, float y)
    {
        var p = CentralDifferenceRunner.Check(Get("Patterns", "PatternVector"), null, new object[] { x, y });
        double n = Math.Sqrt((x * x) + (y * y));
        var (f, dx, dy) = x > 1 && y >= 0 ? (n, x / n, y / n) : x <= 1 ? (x * y, (double)y, (double)x) : ((x * x) + (y * y), 2.0 * x, 2.0 * y);
        Tolerance.AssertClose(f, p.Value, 1e-5, "PatternVector value");
        Tolerance.AssertClose(dx, p.Gradient[0]![0], 1e-5, "dPatternVector/dx");
        Tolerance.AssertClose(dy, p.Gradient[1]![0], 1e-5, "dPatternVector/dy");
    }

    [Theory]
    [InlineData(0.75f, 1.25f)]
    [InlineData(-0.5f, 0.8f)]
    public void AVariableBoundInAPropertyPattern_CarriesTheMembersGradient_ByHand(float x, float y)
    {
        // X = xy > 0: f = y² · xy = x y³; else f = y.
        var b = CentralDifferenceRunner.Check(Get("Patterns", "Bind"), null, new object[] { x, y });
        bool positive = x * y > 0;
        Tolerance.AssertClose(positive ? Math.Pow(y, 3) : 0, b.Gradient[0]![0], 1e-4, "dBind/dx");
        Tolerance.AssertClose(positive ? 3 * x * y * y : 1, b.Gradient[1]![0], 1e-4, "dBind/dy");
        // In the ?: its condition binds: f = y³, or xy.
        var t = CentralDifferenceRunner.Check(Get("Patterns", "Ternary"), null, new object[] { x, y });
        Tolerance.AssertClose(positive ? 0 : y, t.Gradient[0]![0], 1e-4, "dTernary/dx");
        Tolerance.AssertClose(positive ? 3 * y * y : x, t.Gradient[1]![0], 1e-4, "dTernary/dy");
    }

    [Theory]
    [InlineData(-0.5f, 1f)]
    [InlineData(0.5f, 2.5f)]
    [InlineData(0.5f, 1.5f)]
    public void PropertyPatternsAsCaseLabels_ByHand(float x, float y)
    {
        var c = CentralDifferenceRunner.Check(Get("Patterns", "Cases"), null, new object[] { x, y });
        // x < 0: f = 3y; y > 2: f = xy (x bound by the pattern); else f = x + y.
        var (dx, dy) = x < 0 ? (0.0, 3.0) : y > 2 ? ((double)y, (double)x) : (1.0, 1.0);
        Tolerance.AssertClose(dx, c.Gradient[0]![0], 1e-5, "dCases/dx");
        Tolerance.AssertClose(dy, c.Gradient[1]![0], 1e-5, "dCases/dy");
    }

    [Fact]
    public void AValueReturningHelperNormalizingALocalArray_ByHand()
    {
        double[] w = { 0.7, -1.1, 0.4 };
        var r = CentralDifferenceRunner.Check(Get("Helpers", "OnLocal"), null, new object[] { w });
        // f = s (w0² / s) + (w1² / s)² = w0² + w1⁴ / s², s = Σ w².
        double s = w.Sum(e => e * e), w1 = w[1], q = Math.Pow(w1, 4);
        Tolerance.AssertFormula((w[0] * w[0]) + (q / (s * s)), r.Value, "OnLocal value");
        var expected = w.Select((e, k) => (k == 0 ? 2 * e : 0) + (k == 1 ? 4 * Math.Pow(w1, 3) / (s * s) : 0) - (q * 4 * e / (s * s * s))).ToArray();
        AssertAll(expected, r.Gradient[0]!, "dOnLocal/dw");
    }

    [Fact]
    public void AValueReturningHelperNormalizingTheParameter_ByHand()
    {
        double[] w = { 0.7, 1.1, 0.4 };
        // The parameter is written, so its adjoint is in/out (docs/ref-out.md): central differences with seeds on it.
        CentralDifferenceRunner.CheckInOut(Get("Helpers", "OnParameter"), null, new object[] { w }, 7);
        // By hand, no seed on what the method leaves in w: f = w0 + w1 / s, s = Σ w.
        double s = w.Sum();
        var dW = new double[3];
        var args = new object[] { w.Clone(), dW, 1.0 };
        double value = (double)Get("Helpers", "OnParameterBackward").Invoke(null, args)!;
        Tolerance.AssertFormula(w[0] + (w[1] / s), value, "OnParameter value");
        AssertAll(w.Select((_, k) => (k == 0 ? 1 : 0) + (k == 1 ? 1 / s : 0) - (w[1] / (s * s))).ToArray(), dW, "dOnParameter/dw");
        // The method normalizes the caller's array as C# does.
        var copy = (double[])w.Clone();
        Get("Helpers", "OnParameter").Invoke(null, new object[] { copy });
        AssertAll(w.Select(e => e / s).ToArray(), copy, "w after OnParameter");
    }

    [Fact]
    public void AValueReturningArrayHelperInALoop_MatchesCentralDifferences_AndByHand()
    {
        double[] w = { 0.2, -0.5, 0.9 };
        const double x = 0.6;
        var r = CentralDifferenceRunner.Check(Get("Helpers", "InLoop"), null, new object[] { w, x });
        // By hand: e = exp(w), S = Σ e; round 0: total = S · e1... v ← e / S, total0 = S · (e0 / S) = e0; v0 += x²;
        // round 1: S' = 1 + x², total1 = S' · (v1 / S') = e1 / S. f = e0 + e1 / S.
        double[] e = w.Select(Math.Exp).ToArray();
        double sum = e.Sum();
        Tolerance.AssertFormula(e[0] + (e[1] / sum), r.Value, "InLoop value");
        AssertAll(e.Select((ek, k) => (k == 0 ? ek : 0) + (k == 1 ? ek / sum : 0) - (e[1] * ek / (sum * sum))).ToArray(), r.Gradient[0]!, "dInLoop/dw");
        Tolerance.AssertFormula(0, r.Gradient[1]![0], "dInLoop/dx");
    }

    [Fact]
    public void ForeachOverZip_ByHand()
    {
        double[] xs = { 0.5, -1.5, 2.0 }, ys = { 1.5, 0.25 }, zs = { -0.5, 0.75, 1.25, 3.0 };
        var z = CentralDifferenceRunner.Check(Get("Zips", "ZipTuple"), null, new object[] { xs, ys });
        // f = Σ_{i < 2} x_i y_i²: the third x is past the shorter array.
        Tolerance.AssertFormula((xs[0] * ys[0] * ys[0]) + (xs[1] * ys[1] * ys[1]), z.Value, "ZipTuple value");
        AssertAll(new[] { ys[0] * ys[0], ys[1] * ys[1], 0 }, z.Gradient[0]!, "dZipTuple/dxs");
        AssertAll(new[] { 2 * xs[0] * ys[0], 2 * xs[1] * ys[1] }, z.Gradient[1]!, "dZipTuple/dys");

        var t = CentralDifferenceRunner.Check(Get("Zips", "Zip3"), null, new object[] { xs, ys, zs });
        AssertAll(new[] { ys[0], ys[1], 0 }, t.Gradient[0]!, "dZip3/dxs");
        AssertAll(new[] { xs[0], xs[1] }, t.Gradient[1]!, "dZip3/dys");
        AssertAll(new[] { 2 * zs[0], 2 * zs[1], 0, 0 }, t.Gradient[2]!, "dZip3/dzs");

        // ys_i = w i: f = Σ x_i² + Σ w i x_i.
        var l = CentralDifferenceRunner.Check(Get("Zips", "WithLocal"), null, new object[] { xs, 0.8 });
        AssertAll(xs.Select((x, i) => (2 * x) + (0.8 * i)).ToArray(), l.Gradient[0]!, "dWithLocal/dxs");
        Tolerance.AssertFormula(xs.Select((x, i) => i * x).Sum(), l.Gradient[1]![0], "dWithLocal/dw");
    }

    [Theory]
    [InlineData("Jumps", "GotoCleanup")]
    [InlineData("Jumps", "Deep")]
    public void ForwardMode_IsBackwardsGradientAlongTheDirection(string type, string name)
    {
        foreach (var point in new[] { new object[] { 0.9, 1.4 }, new object[] { 0.8, 0.6 }, new object[] { 0.6, -0.3 }, new object[] { -0.4, 0.7 } })
        {
            var r = CentralDifferenceRunner.Check(Get(type, name), null, point);
            var all = new object?[] { point[0], point[1], 0.3, -0.6, null };
            double value = (double)Get(type, name + "Forward").Invoke(null, all)!;
            Assert.Equal(r.Value, value);
            Tolerance.AssertFormula((0.3 * r.Gradient[0]![0]) - (0.6 * r.Gradient[1]![0]), (double)all[^1]!, name + " tResult vs Backward · t");
        }
    }

    [Theory]
    [InlineData("PatternVector")]
    [InlineData("Bind")]
    [InlineData("Ternary")]
    [InlineData("Cases")]
    public void ForwardMode_OfPropertyPatterns_IsBackwardsGradientAlongTheDirection(string name)
    {
        foreach (var point in new[] { new object[] { 1.5f, 0.5f }, new object[] { 0.5f, 2.5f }, new object[] { -0.5f, 0.8f }, new object[] { 1.5f, -0.75f } })
        {
            var r = CentralDifferenceRunner.Check(Get("Patterns", name), null, point);
            var all = new object?[] { point[0], point[1], 0.5f, -0.25f, null };
            float value = (float)Get("Patterns", name + "Forward").Invoke(null, all)!;
            Assert.Equal(r.Value, value);
            Tolerance.AssertClose((0.5 * r.Gradient[0]![0]) - (0.25 * r.Gradient[1]![0]), (float)all[^1]!, 1e-5, name + " tResult vs Backward · t");
        }
    }

    private delegate double ArrayForward(double[] w, ReadOnlySpan<double> tW, out double tResult);

    private delegate double PairForward(double[] xs, double[] ys, ReadOnlySpan<double> tXs, ReadOnlySpan<double> tYs, out double tResult);

    [Fact]
    public void ForwardMode_OfTheHelperAndTheZip_IsBackwardsGradientAlongTheDirection()
    {
        double[] w = { 0.7, -1.1, 0.4 }, tw = { 0.3, 0.2, -0.5 };
        var r = CentralDifferenceRunner.Check(Get("Helpers", "OnLocal"), null, new object[] { w });
        double value = Get("Helpers", "OnLocalForward").CreateDelegate<ArrayForward>()(w, tw, out double tResult);
        Assert.Equal(r.Value, value);
        Tolerance.AssertFormula(tw.Select((t, k) => t * r.Gradient[0]![k]).Sum(), tResult, "OnLocal tResult");

        double[] xs = { 0.5, -1.5, 2.0 }, ys = { 1.5, 0.25 };
        var z = CentralDifferenceRunner.Check(Get("Zips", "ZipTuple"), null, new object[] { xs, ys });
        value = Get("Zips", "ZipTupleForward").CreateDelegate<PairForward>()(xs, ys, tw, new[] { 0.4, -0.1 }, out tResult);
        Assert.Equal(z.Value, value);
        Tolerance.AssertFormula(tw.Select((t, k) => t * z.Gradient[0]![k]).Sum() + (0.4 * z.Gradient[1]![0]) - (0.1 * z.Gradient[1]![1]), tResult, "ZipTuple tResult");
    }

    private static void AssertAll(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++) Tolerance.AssertFormula(expected[k], actual[k], what + "[" + k + "]");
    }
}
