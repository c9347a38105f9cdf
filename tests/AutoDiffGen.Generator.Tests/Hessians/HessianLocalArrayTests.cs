using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Forward over reverse through local arrays that carry a gradient: the tangent of a local array is an array of
/// tangents (stored with its values), the adjoint's tangent an array too (created and zeroed with the adjoint array),
/// and the elements a loop overwrites are taped with their tangents. Checked by hand (xᵀAx through y = Ax in a local
/// array → A + Aᵀ; log-sum-exp through a local exps array → diag p − ppᵀ; extended Rosenbrock through a local array of
/// residuals), against central differences of MBackward's gradient (overwrites in a loop, an array created in a loop,
/// an array in a branch, a double[,], a float method), exact symmetry, H·v = H v, and what stays ADG0019.
/// </summary>
public class HessianLocalArrayTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace HessLocal;

        public static partial class M
        {
            // xᵀAx with y = Ax in a local array; A (3 × 3, not symmetric) is row-major in a.
            [Differentiable(Hessian = true)]
            public static double Quad(double[] x, [NoDiff] double[] a)
            {
                var y = new double[x.Length];
                for (int i = 0; i < x.Length; i++)
                {
                    double s = 0;
                    for (int j = 0; j < x.Length; j++) s += a[i * x.Length + j] * x[j];
                    y[i] = s;
                }
                double q = 0;
                for (int i = 0; i < x.Length; i++) q += x[i] * y[i];
                return q;
            }
            public static readonly double[] A = { 1.0, 2.0, -0.5, 0.0, 3.0, 1.5, 4.0, -1.0, 2.5 };
            public static double QuadH(double[] p, double[] h) => QuadHessian(p, A, h);
            public static double QuadV(double[] p, double[] v, double[] hv) => QuadHessianVector(p, A, v, hv);
            public static void QuadG(double[] p, double[] g) { Array.Clear(g, 0, g.Length); QuadBackward(p, A, g); }

            // log Σ exp(z_i), the exps kept in a local array.
            [Differentiable(Hessian = true)]
            public static double Lse(double[] z)
            {
                var e = new double[z.Length];
                for (int i = 0; i < z.Length; i++) e[i] = Math.Exp(z[i]);
                double s = 0;
                for (int i = 0; i < e.Length; i++) s += e[i];
                return Math.Log(s);
            }
            public static double LseH(double[] p, double[] h) => LseHessian(p, h);
            public static double LseV(double[] p, double[] v, double[] hv) => LseHessianVector(p, v, hv);
            public static void LseG(double[] p, double[] g) { Array.Clear(g, 0, g.Length); LseBackward(p, g); }

            // Extended (chained) Rosenbrock Σ (1 − x_i)² + 100 (x_{i+1} − x_i²)², the residuals in local arrays.
            [Differentiable(Hessian = true)]
            public static double Rosen(double[] x)
            {
                int n = x.Length;
                var r = new double[n - 1];
                var u = new double[n - 1];
                for (int i = 0; i < n - 1; i++)
                {
                    r[i] = x[i + 1] - x[i] * x[i];
                    u[i] = 1 - x[i];
                }
                double f = 0;
                for (int i = 0; i < n - 1; i++) f += u[i] * u[i] + 100 * r[i] * r[i];
                return f;
            }
            public static double RosenH(double[] p, double[] h) => RosenHessian(p, h);
            public static double RosenV(double[] p, double[] v, double[] hv) => RosenHessianVector(p, v, hv);
            public static void RosenG(double[] p, double[] g) { Array.Clear(g, 0, g.Length); RosenBackward(p, g); }

            // A loop that overwrites the array's slots (the overwritten elements' values and tangents are taped).
            [Differentiable(Hessian = true)]
            public static double Over(double x, double y)
            {
                var a = new double[2];
                a[0] = x * y;
                double s = 0;
                for (int k = 0; k < 3; k++) { a[1] = a[0] * a[0] * 0.5; s += Math.Sin(a[1]); a[0] = a[1] + y; }
                return s + a[0] * x;
            }
            public static double OverH(double[] p, double[] h) => OverHessian(p[0], p[1], h);
            public static double OverV(double[] p, double[] v, double[] hv) => OverHessianVector(p[0], p[1], v, hv);
            public static void OverG(double[] p, double[] g) { double a = 0, b = 0; OverBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }

            // An array created in each iteration, one in a branch, and a double[,].
            [Differentiable(Hessian = true)]
            public static double Fresh(double x, double y, double z)
            {
                double s = 0;
                for (int k = 0; k < 3; k++)
                {
                    var t = new double[2];
                    t[0] = Math.Exp(x * 0.3 * k) * y;
                    t[1] = t[0] * z + Math.Cos(y);
                    s += t[1] * t[0];
                }
                if (x > 0) { var w = new double[2]; w[0] = x * z; w[1] = w[0] * y; s += w[1]; }
                else { var w1 = new double[1]; w1[0] = z * z * y; s += w1[0]; }
                var g = new double[2, 2];
                g[0, 0] = x * y; g[0, 1] = y * z; g[1, 0] = g[0, 1] * x; g[1, 1] = Math.Log(1 + z * z);
                return s + g[0, 0] * g[1, 1] - g[1, 0] * g[0, 1];
            }
            public static double FreshH(double[] p, double[] h) => FreshHessian(p[0], p[1], p[2], h);
            public static double FreshV(double[] p, double[] v, double[] hv) => FreshHessianVector(p[0], p[1], p[2], v, hv);
            public static void FreshG(double[] p, double[] g) { double a = 0, b = 0, c = 0; FreshBackward(p[0], p[1], p[2], ref a, ref b, ref c); g[0] = a; g[1] = b; g[2] = c; }

            // A float method with a float local array: computed in float, like its gradient.
            [Differentiable(Hessian = true)]
            public static float LseF(float[] z)
            {
                var e = new float[z.Length];
                for (int i = 0; i < z.Length; i++) e[i] = MathF.Exp(z[i]);
                float s = 0;
                for (int i = 0; i < e.Length; i++) s += e[i];
                return MathF.Log(s);
            }
            public static float LseFH(float[] z, float[] h) => LseFHessian(z, h);
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("HessLocal.M", throwOnError: true)!);

    private static T Method<T>(string name) where T : Delegate => Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    /// <summary>MHessian at x (the output starts as NaN: it must be overwritten), after checking exact symmetry.</summary>
    private static double[] Hessian(string name, double[] x)
    {
        int n = x.Length;
        var h = Enumerable.Repeat(double.NaN, n * n).ToArray();
        Method<Func<double[], double[], double>>(name + "H")(x, h);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                Assert.True(double.IsFinite(h[i * n + j]), name + ": H[" + i + "," + j + "] = " + h[i * n + j]);
                Assert.Equal(h[i * n + j], h[j * n + i]);
            }
        }
        return h;
    }

    /// <summary>Each entry within <paramref name="tolerance"/> relative (absolute below 1); also used by HessianMatrixParameterTests.</summary>
    internal static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - actual[k]) <= tolerance * Math.Max(1, Math.Abs(expected[k])),
                what + ": entry " + k + " expected " + expected[k].ToString("R") + ", got " + actual[k].ToString("R") + "\nexpected " + string.Join(", ", expected) + "\nactual   " + string.Join(", ", actual));
        }
    }

    /// <summary>Central differences of MBackward's gradient, and H·v against the matrix times v.</summary>
    private static void AssertCentralAndProduct(string name, double[] x)
    {
        var h = Hessian(name, x);
        AssertClose(HessianModeTests.CentralHessian(Method<Action<double[], double[]>>(name + "G"), x), h, 1e-6, name + " vs central differences of MBackward");
        int n = x.Length;
        var v = Enumerable.Range(0, n).Select(i => 0.7 - 0.45 * i).ToArray();
        var hv = new double[n];
        Method<Func<double[], double[], double[], double>>(name + "V")(x, v, hv);
        var expected = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => h[i * n + j] * v[j])).ToArray();
        AssertClose(expected, hv, 1e-12, name + ": H·v vs H times v");
    }

    [Theory]
    [InlineData(0.3, -1.2, 2.0)]
    [InlineData(1.5, 0.5, -0.25)]
    public void QuadraticForm_ThroughLocalArray_IsAPlusATranspose(double x0, double x1, double x2)
    {
        var x = new[] { x0, x1, x2 };
        var a = (double[])Compiled.Value.GetField("A")!.GetValue(null)!;
        var expected = new double[9];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) expected[i * 3 + j] = a[i * 3 + j] + a[j * 3 + i];
        AssertClose(expected, Hessian("Quad", x), 1e-13, "xᵀAx by hand");
        AssertCentralAndProduct("Quad", x);
    }

    [Theory]
    [InlineData(0.1, -0.7, 1.3, 0.4)]
    [InlineData(3.0, 2.0, -1.0, 0.0)]
    public void LogSumExp_ThroughLocalExps_IsDiagPMinusPPTranspose(double z0, double z1, double z2, double z3)
    {
        var z = new[] { z0, z1, z2, z3 };
        double m = z.Sum(Math.Exp);
        var p = z.Select(v => Math.Exp(v) / m).ToArray();
        var expected = new double[16];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) expected[i * 4 + j] = (i == j ? p[i] : 0) - p[i] * p[j];
        AssertClose(expected, Hessian("Lse", z), 1e-13, "log-sum-exp by hand");
        AssertCentralAndProduct("Lse", z);
    }

    [Theory]
    [InlineData(new[] { -1.2, 1.0, 0.5, 0.3 })]
    [InlineData(new[] { 1.0, 1.0, 1.0, 1.0, 1.0 })]
    public void ExtendedRosenbrock_ThroughLocalResiduals_MatchesHand(double[] x)
    {
        int n = x.Length;
        var expected = new double[n * n];
        for (int i = 0; i < n - 1; i++)
        {
            // Term i: (1 − x_i)² + 100 (x_{i+1} − x_i²)².
            expected[i * n + i] += 2 + 1200 * x[i] * x[i] - 400 * x[i + 1];
            expected[i * n + i + 1] += -400 * x[i];
            expected[(i + 1) * n + i] += -400 * x[i];
            expected[(i + 1) * n + i + 1] += 200;
        }
        AssertClose(expected, Hessian("Rosen", x), 1e-13, "extended Rosenbrock by hand");
        AssertCentralAndProduct("Rosen", x);
    }

    [Theory]
    [InlineData(0.4, 0.9)]
    [InlineData(-0.8, 0.3)]
    public void LoopOverwritingSlots_MatchesCentralDifferences(double x, double y) => AssertCentralAndProduct("Over", new[] { x, y });

    [Theory]
    [InlineData(0.6, -0.4, 1.1)]
    [InlineData(-0.5, 0.8, 0.3)]
    public void ArraysInLoopsBranchesAndTwoDimensions_MatchCentralDifferences(double x, double y, double z) => AssertCentralAndProduct("Fresh", new[] { x, y, z });

    [Fact]
    public void FloatLocalArray_IsComputedInFloat_AndMatchesHand()
    {
        var z = new[] { 0.1f, -0.7f, 1.3f };
        var h = new float[9];
        Method<Func<float[], float[], float>>("LseFH")(z, h);
        double m = z.Sum(v => Math.Exp(v));
        var p = z.Select(v => Math.Exp(v) / m).ToArray();
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double expected = (i == j ? p[i] : 0) - p[i] * p[j];
                Assert.True(Math.Abs(h[i * 3 + j] - expected) <= 1e-5, "H[" + i + "," + j + "] = " + h[i * 3 + j] + ", by hand " + expected);
                Assert.Equal(h[i * 3 + j], h[j * 3 + i]);
            }
        }
    }

    [Fact]
    public void Products_AreForwardOverReverse_WithArraysOfTangents()
    {
        var run = GeneratorHarness.Run(Source);
        run.AssertClean();
        string text = string.Join("\n", run.Generated.Values);
        Assert.DoesNotContain("HessianWorkspace.Enter", text);
        Assert.DoesNotContain("NotSupportedException", text);
        // The adjoint array's tangent (lent by the workspace since perf19: the array is confined), and the stores' tangents.
        Assert.Contains("var tdE = tapes.Local<double>(", text);
        Assert.Contains("tE[", text);
    }

    [Fact]
    public void FloatLocalArrayInADoubleMethod_AndADoubleArrayWithAFloatParameter_MatchHand()
    {
        // f = x + (float)(x·y)² : the square computed in float. H = [[2y², 4xy], [4xy, 2x²]] (to float precision).
        const string source = """
            using System; using AutoDiffGen; namespace Mixed;
            public static partial class M
            {
                [Differentiable(Hessian = true)]
                public static double F(double x, double y) { var t = new float[2]; t[0] = (float)(x * y); t[1] = t[0] * t[0]; return t[1] + x; }
                // g = x·w + (x·w)·x: H over (x, w) = [[2w, 1 + 2x], [1 + 2x, 0]].
                [Differentiable(Hessian = true)]
                public static double G(double x, float w) { var t = new double[2]; t[0] = x * w; t[1] = t[0] * x; return t[0] + t[1]; }
            }
            """;
        var type = GeneratorHarness.CompileAndLoad(source).GetType("Mixed.M", throwOnError: true)!;
        var f = type.GetMethod("FHessian")!.CreateDelegate<HessianOf2>();
        var h = new double[4];
        f(0.7, -1.3, h);
        double x = 0.7, y = -1.3;
        AssertClose(new[] { 2 * y * y, 4 * x * y, 4 * x * y, 2 * x * x }, h, 1e-6, "float local array in a double method");
        var g = type.GetMethod("GHessian")!.CreateDelegate<HessianOfMixed>();
        g(0.7, 0.25f, h);
        // w's row and column are its adjoint's tangent, in float like its gradient; ∂²/∂x² is all double.
        AssertClose(new[] { 2 * 0.25, 1 + 2 * 0.7, 1 + 2 * 0.7, 0.0 }, h, 1e-7, "double local array with a float parameter");
        Assert.Equal(0.5, h[0], 14);
    }

    private delegate double HessianOf2(double x, double y, Span<double> h);

    private delegate double HessianOfMixed(double x, float w, Span<double> h);

    [Fact]
    public void LocalArrayInAMethodWithAFloatArrayParameter_IsADG0019AtTheLocalArray()
    {
        // A float[] in a double method keeps second-order forward mode, which has no local arrays.
        const string source = "using System; using AutoDiffGen; namespace Out; public static partial class M { [Differentiable(Hessian = true)] "
            + "public static double F(double x, float[] w) { var t = new double[2]; t[0] = x * w[0]; t[1] = t[0] * x; return t[1]; } }";
        var run = GeneratorHarness.Run(source);
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, d => d.Id == "ADG0019" && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).StartsWith("t =", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Generated.Values, t => t.Contains("FHessian", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.7, -1.2)]
    [InlineData(-1.3, 0.4)]
    public void LocalArrayPassedToAHessianCallee_MatchesHand(double x, double y)
    {
        // x·sin²y through Inner(p) = p₀p₁² on a local array {x, sin y}: H = [[0, sin 2y], [sin 2y, 2x cos 2y]]; and x³
        // through Sum2(t) = t₀t₁ on {x, x²}: 6x. The second callee is of the caller's class and takes an array: called too.
        const string source = """
            using System; using AutoDiffGen; namespace Out2;
            public static partial class O { [Differentiable(Hessian = true)] public static double Inner(double[] p) => p[0] * p[1] * p[1]; }
            public static partial class M
            {
                [Differentiable(Hessian = true)] public static double Sum2(double[] v) => v[0] * v[1];
                [Differentiable(Hessian = true)] public static double F(double x) { var t = new double[2]; t[0] = x; t[1] = x * x; return Sum2(t); }
                [Differentiable(Hessian = true)] public static double G(double x, double y) { double[] arr = { x, Math.Sin(y) }; return O.Inner(arr); }
                public static double FH(double x) { var h = new double[1]; FHessian(x, h); return h[0]; }
                public static double[] GH(double x, double y) { var h = new double[4]; GHessian(x, y, h); return h; }
            }
            """;
        var type = GeneratorHarness.CompileAndLoad(source).GetType("Out2.M", throwOnError: true)!;
        double fh = (double)type.GetMethod("FH")!.Invoke(null, new object[] { x })!;
        Assert.Equal(6 * x, fh, 12);
        var gh = (double[])type.GetMethod("GH")!.Invoke(null, new object[] { x, y })!;
        var expected = new[] { 0, Math.Sin(2 * y), Math.Sin(2 * y), 2 * x * Math.Cos(2 * y) };
        for (int k = 0; k < 4; k++) Assert.Equal(expected[k], gh[k], 12);
    }

    [Theory]
    // A local array stored into after the call or passed in a loop is followed since hess17 (HessianCopiedArrayCallTests,
    // these two forms by hand there); a slice of one, stored into after the call or passed in a loop, since hess18 (ADG0019
    // at the call before): t = (x, x², x), Sum2(t[1..]) = x³; stored after the call f = x³·x = x⁴ (f'' = 12x²), in the loop
    // f = 2x³ (f'' = 12x).
    [InlineData("var t = new double[3]; t[0] = x; t[1] = x * x; t[2] = x; double s = Sum2(t.AsSpan(1)); t[0] = s; return t[0] * x;", 0.7, 12 * 0.7 * 0.7)]
    [InlineData("var t = new double[3]; t[0] = x; t[1] = x * x; t[2] = x; double s = Sum2(t.AsSpan(1)); t[0] = s; return t[0] * x;", -1.3, 12 * 1.3 * 1.3)]
    [InlineData("var t = new double[3]; t[0] = x; t[1] = x * x; t[2] = x; double s = 0; for (int i = 0; i < 2; i++) s += Sum2(t.AsSpan(1)); return s;", 0.7, 12 * 0.7)]
    [InlineData("var t = new double[3]; t[0] = x; t[1] = x * x; t[2] = x; double s = 0; for (int i = 0; i < 2; i++) s += Sum2(t.AsSpan(1)); return s;", -1.3, -12 * 1.3)]
    public void SliceOfALocalArray_StoredIntoAfterOrPassedInALoop_MatchesHand(string body, double x, double hand)
    {
        string source = "using System; using AutoDiffGen; namespace Out3;\npublic static partial class M\n{\n"
            + "    [Differentiable(Hessian = true)] public static double Sum2(ReadOnlySpan<double> v) => v[0] * v[1];\n"
            + "    [Differentiable(Hessian = true)] public static double F(double x) { " + body + " }\n"
            + "    public static double FH(double[] p, double[] h) => FHessian(p[0], h);\n"
            + "    public static double FV(double[] p, double[] v, double[] hv) => FHessianVector(p[0], v, hv);\n"
            + "    public static void FG(double[] p, double[] g) { double dx = 0; FBackward(p[0], ref dx); g[0] = dx; }\n}\n";
        var type = GeneratorHarness.CompileAndLoad(source).GetType("Out3.M", throwOnError: true)!;
        HessianChecks.Check("F", type.GetMethod("FH")!.CreateDelegate<Func<double[], double[], double>>(), type.GetMethod("FV")!.CreateDelegate<Func<double[], double[], double[], double>>(),
            type.GetMethod("FG")!.CreateDelegate<Action<double[], double[]>>(), new[] { x }, new[] { hand }, HessianChecks.Double);
    }
}
