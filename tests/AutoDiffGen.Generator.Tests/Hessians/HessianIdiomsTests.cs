using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Issue 14 (hess15, item 1): idioms14b's forms in Hessian mode (<see cref="HessianIdiomsSource"/>). For each, MHessian
/// against a hand-derived Hessian (where one is written) and against central differences of MBackward's gradient, and
/// MHessianVector against central differences of the gradient along v and against MHessian·v. The points sit away from
/// every branch boundary by far more than the step, so each branch is checked as the smooth function it is.
/// </summary>
public class HessianIdiomsTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(HessianIdiomsSource.Source));

    private static T Get<T>(string type, string name) where T : Delegate =>
        Compiled.Value.GetType(type, throwOnError: true)!.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    /// <summary>type.name's wrappers checked by <see cref="HessianChecks.Check"/>.</summary>
    private static void Check(string type, string name, double[] p, double[]? hand, bool single = false) =>
        HessianChecks.Check(type + "." + name, Get<Func<double[], double[], double>>(type, name + "H"), Get<Func<double[], double[], double[], double>>(type, name + "V"),
            Get<Action<double[], double[]>>(type, name + "G"), p, hand, single ? HessianChecks.Float : HessianChecks.Double);

    [Theory]
    [InlineData(1.5, 0.7)]
    [InlineData(0.6, 1.3)]
    [InlineData(0.8, -0.5)]
    [InlineData(-0.7, 0.4)]
    public void GotoOutOfNestedIfs_ByHand(double x, double y)
    {
        double[] hand = x <= 0 ? new[] { 2.0, 1, 1, 0 }
            : y <= 0 ? new[] { 0, 2, 2, -Math.Exp(y) }
            : x > y ? new[] { 0.0, 2, 2, 0 }
            : new[] { (4 * y) + 4, 4 * x, 4 * x, 0 };
        Check("Jumps", "Deep", new[] { x, y }, hand);
    }

    [Theory]
    [InlineData(1.5, 2.0)]
    [InlineData(0.5, 1.5)]
    [InlineData(1.5, -2.0)]
    public void PropertyPatternSwitchExpression_ByHand(double x, double y)
    {
        double r = Math.Sqrt((x * x) + (y * y)), r3 = r * r * r;
        double[] hand = x > 1 && y >= 0 ? new[] { y * y / r3, -x * y / r3, -x * y / r3, x * x / r3 }
            : x <= 1 ? new[] { 0.0, 1, 1, 0 }
            : new[] { 2.0, 0, 0, 2 };
        Check("Patterns", "PatternVector", new[] { x, y }, hand, single: true);
    }

    [Theory]
    [InlineData(0.5, 1.5)]
    [InlineData(-0.5, 1.25)]
    public void PropertyPatternBindingAMember_ByHand(double x, double y)
    {
        // xy > 0: f = xy³; else f = y.
        double[] hand = x * y > 0 ? new[] { 0, 3 * y * y, 3 * y * y, 6 * x * y } : new[] { 0.0, 0, 0, 0 };
        Check("Patterns", "Bind", new[] { x, y }, hand, single: true);
    }

    [Theory]
    [InlineData(-0.5, 1.25)]
    [InlineData(0.5, 2.5)]
    [InlineData(0.5, 1.5)]
    public void PropertyPatternCasesInADoubleMethod_ByHand(double x, double y)
    {
        double[] hand = x < 0 ? new[] { 6 * y, 6 * x, 6 * x, 0 }
            : y > 2 ? new[] { 0, 2 * y, 2 * y, 2 * x }
            : new[] { 2 * y, 2 * x, 2 * x, 0 };
        Check("Patterns", "Cases", new[] { x, y }, hand);
    }

    [Theory]
    [InlineData(0.7, 1.6)]
    [InlineData(2.1, -0.4)]
    public void HelperNormalizingTheParameter_ByHand(double w0, double w1)
    {
        // f = w0 + w1/s, s = w0 + w1: H = [[2w1, w1 − w0], [w1 − w0, −2w0]] / s³.
        double s3 = Math.Pow(w0 + w1, 3);
        Check("Helpers", "OnParameter", new[] { w0, w1 }, new[] { 2 * w1 / s3, (w1 - w0) / s3, (w1 - w0) / s3, -2 * w0 / s3 });
    }

    [Fact]
    public void HelperNormalizingALocal_AndInALoop_AgreeWithCentralDifferences()
    {
        Check("Helpers", "OnLocal", new[] { 0.8, -1.3, 0.6 }, null);
        Check("Helpers", "InLoop", new[] { 0.2, -0.5, 0.4, 0.9 }, null);
    }

    [Fact]
    public void HelperNormalizingTheParameter_LeavesItAsTheMethodDoes()
    {
        // MHessian restores the written parameter before each row; afterwards it holds what one call leaves: w / Σw.
        var hessian = Compiled.Value.GetType("Helpers")!.GetMethod("OnParameterHessian")!.CreateDelegate<HessianOfArray>();
        var w = new[] { 0.7, 1.6, 0.2 };
        var h = new double[9];
        double value = hessian(w, h);
        double s = 2.5;
        Tolerance.AssertFormula(0.7 + (1.6 / s), value, "value");
        Tolerance.AssertFormula(0.7 / s, w[0], "w[0] after");
        Tolerance.AssertFormula(1.6 / s, w[1], "w[1] after");
        Tolerance.AssertFormula(0.2 / s, w[2], "w[2] after");
        // q = w1/s: q_00 = q_02 = q_22 = 2w1/s³, q_01 = q_12 = −1/s² + 2w1/s³, q_11 = −2/s² + 2w1/s³.
        double a = 2 * 1.6 / (s * s * s), b = (-1 / (s * s)) + a, c = (-2 / (s * s)) + a;
        var hand = new[] { a, b, a, b, c, b, a, b, a };
        for (int q = 0; q < 9; q++) Tolerance.AssertFormula(hand[q], h[q], "OnParameter over three H[" + q + "] by hand");
    }

    private delegate double HessianOfArray(double[] w, Span<double> hessian);

    [Fact]
    public void ForeachOverZip_ByHand()
    {
        double[] p = { 0.9, -1.4, 2.0, 0.6, -0.3 };
        // f = x0 y0² + x1 y1² (x2 unread): H[x_i, y_i] = 2y_i, H[y_i, y_i] = 2x_i.
        var hand = new double[25];
        for (int i = 0; i < 2; i++)
        {
            hand[(i * 5) + 3 + i] = hand[((3 + i) * 5) + i] = 2 * p[3 + i];
            hand[((3 + i) * 5) + 3 + i] = 2 * p[i];
        }
        Check("Zips", "ZipTuple", p, hand);

        // f = Σ a b + c²: H[a_i, b_i] = 1, H[c_i, c_i] = 2.
        var hand3 = new double[36];
        for (int i = 0; i < 2; i++)
        {
            hand3[(i * 6) + 2 + i] = hand3[((2 + i) * 6) + i] = 1;
            hand3[((4 + i) * 6) + 4 + i] = 2;
        }
        Check("Zips", "Zip3", new[] { 0.3, -0.8, 1.1, 0.5, -0.2, 0.7 }, hand3);

        // f = Σ x_i² + w Σ i x_i: H[x_i, x_i] = 2, H[x_i, w] = i.
        var handLocal = new double[16];
        for (int i = 0; i < 3; i++)
        {
            handLocal[(i * 4) + i] = 2;
            handLocal[(i * 4) + 3] = handLocal[(3 * 4) + i] = i;
        }
        Check("Zips", "WithLocal", new[] { 0.4, -1.1, 0.8, 1.7 }, handLocal);
    }
}
