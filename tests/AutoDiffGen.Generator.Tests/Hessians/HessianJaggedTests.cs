using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Jagged <c>double[][]</c> parameters in Hessian mode (issue 14, hess16; before, ADG0019 at the parameter): the rows'
/// elements are differentiable scalars row after row, among the others in parameter order, so n grows by the sum of the
/// rows' lengths at the call. Each method is checked by hand (second derivatives derived below), against central
/// differences of <c>MBackward</c>'s gradient, and H·v along a direction (<see cref="HessianChecks"/>), over rows of lengths
/// 2, 3 and 1; LINQ over the rows (idioms15b's <c>rows.Sum(r => r.Sum(…))</c>), foreach over them, a float method, and
/// <c>MForward</c> of the same method. What stays outside is ADG0019 at the parameter.
/// </summary>
public class HessianJaggedTests
{
    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(HessianJaggedSource.Text).GetType("HessJagged.M", throwOnError: true)!);

    private static T Method<T>(string name) where T : Delegate =>
        Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    private static void Check(string name, double[] p, double[] hand, HessianChecks.Precision? precision = null) =>
        HessianChecks.Check(name, Method<Func<double[], double[], double>>(name + "H"), Method<Func<double[], double[], double[], double>>(name + "V"),
            Method<Action<double[], double[]>>(name + "G"), p, hand, precision ?? HessianChecks.Double);

    /// <summary>b·Σx² + x₁x₂ over (x0 … x5, b): H[k,k] = 2b, H[k,6] = 2xₖ, H[1,2] = 1 (r₀₁ is entry 1, r₁₀ entry 2), H[6,6] = 0.</summary>
    private static double[] QuadByHand(double[] p)
    {
        var h = new double[49];
        for (int k = 0; k < 6; k++)
        {
            h[(k * 7) + k] = 2 * p[6];
            h[(k * 7) + 6] = h[(6 * 7) + k] = 2 * p[k];
        }
        h[(1 * 7) + 2] = h[(2 * 7) + 1] = 1;
        return h;
    }

    public static TheoryData<double[]> Points => new()
    {
        new[] { 0.5, -1.25, 2.0, 0.75, -0.3, 1.1, 1.7 },
        new[] { -2.0, 0.4, 0.0, 1.5, 3.0, -0.9, -0.6 },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void QuadraticFormOverRaggedRows_IsRowAfterRow_ByHand(double[] p)
    {
        Check("Quad", p, QuadByHand(p));
        // One entry named: ∂²f/∂r₁₂∂b = 2·r₁₂ (entry 4 of row 6).
        var h = HessianModeTests.Symmetric(Method<Func<double[], double[], double>>("QuadH"), p);
        Assert.Equal(2 * p[4], h[(6 * 7) + 4], 14);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void LinqOverRows_MatchesHand(double[] p)
    {
        // f = x₀·S, S = Σx²: H[k,l] = 2x₀δₖₗ + 2xₗδₖ₀ + 2xₖδₗ₀ (H[0,0] = 6x₀).
        var h = new double[36];
        for (int k = 0; k < 6; k++)
        {
            for (int l = 0; l < 6; l++) h[(k * 6) + l] = (k == l ? 2 * p[0] : 0) + (k == 0 ? 2 * p[l] : 0) + (l == 0 ? 2 * p[k] : 0);
        }
        Check("Linq", p[..6], h);
        // (Σx)²: 2 everywhere.
        Check("SumSquared", p[..6], Enumerable.Repeat(2.0, 36).ToArray());
    }

    [Theory]
    [InlineData(new[] { 0.3, -1.2, 1.0, 0.8, 0.5, -0.4, 2.0, 1.5, -0.7 })]
    [InlineData(new[] { -1.1, 0.2, 0.9, -0.6, 1.3, 0.7, -2.0, 0.4, 0.25 })]
    public void RosenbrockAlongEachRow_BetweenAScalarAndAnArray_MatchesHand(double[] p)
    {
        // Order (a, r00, r01, r10, r11, r12, r20, w0, w1); a·w0·w1, then per pair (x, y) of consecutive elements in a row:
        // ∂²/∂x² = 1200x² − 400y + 2, ∂²/∂x∂y = −400x, ∂²/∂y² = 200. Row 2 has one element: no pair.
        const int n = 9;
        var h = new double[n * n];
        void Add(int i, int j, double v)
        {
            h[(i * n) + j] += v;
            if (i != j) h[(j * n) + i] += v;
        }
        Add(0, 7, p[8]);
        Add(0, 8, p[7]);
        Add(7, 8, p[0]);
        foreach (var (x, y) in new[] { (1, 2), (3, 4), (4, 5) })
        {
            Add(x, x, (1200 * p[x] * p[x]) - (400 * p[y]) + 2);
            Add(x, y, -400 * p[x]);
            Add(y, y, 200);
        }
        Check("Chain", p, h);
    }

    [Fact]
    public void FloatRows_InAFloatMethod_MatchHand()
    {
        var p = new[] { 0.5, -1.25, 2.0, 0.75, -0.3, 1.1, 1.7 };
        Check("QuadF", p, QuadByHand(p.Select(q => (double)(float)q).ToArray()), HessianChecks.Float);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void Forward_IsTheGradientAlongTheTangent(double[] p)
    {
        // ∂f/∂xₖ = 2b·xₖ (+ x₂ for k = 1, + x₁ for k = 2), ∂f/∂b = Σx².
        var t = new[] { 0.25, -1.5, 0.75, 2.0, -0.5, 1.25, 0.375 };
        var g = p.Take(6).Select(x => 2 * p[6] * x).Append(p.Take(6).Sum(x => x * x)).ToArray();
        g[1] += p[2];
        g[2] += p[1];
        double hand = g.Zip(t).Sum(z => z.First * z.Second);
        double forward = Method<Func<double[], double[], double>>("QuadT")(p, t);
        Tolerance.AssertFormula(hand, forward, "tResult by hand");
        var f = Method<Func<double[], double[], double>>("QuadH");
        double Value(double s) => f(p.Select((x, i) => x + (s * t[i])).ToArray(), new double[49]);
        Tolerance.AssertCentral((Value(1e-6) - Value(-1e-6)) / 2e-6, forward, Math.Abs(hand) + 1, "tResult vs central differences of f along t");
    }

    [Fact]
    public void WrongLength_Throws_ForTheRowsLengths()
    {
        // n = 2 + 3 + 1 + 1 = 7: a length for a rectangular 3 × 3 (n = 10) or for rows of one length is refused.
        var e = Assert.Throws<ArgumentException>(() => Method<Func<double[], double[], double>>("QuadH")(new double[7], new double[100]));
        Assert.Equal("hessian", e.ParamName);
    }

    [Theory]
    [InlineData("    [Differentiable(Hessian = true)]\n    public static double F(double[][]? a) => a![0][0] * a[1][0];", "double[][]? a", "may be null")]
    [InlineData("    [Differentiable(Hessian = true)]\n    public static double F(float[][] a, double b) => a[0][0] * a[1][0] * b;", "float[][] a", "of another type than the result's")]
    [InlineData("    [Differentiable(Hessian = true)]\n    public static double F(double[][] a, float[] w) => a[0][0] * a[1][0] * w[0];", "double[][] a", "second-order forward mode")]
    public void OutsideSupport_IsADG0019_AtTheParameter(string body, string at, string why) =>
        HessianRefusalAssert.AtConstruct("#nullable enable\n" + body, at, why);
}
