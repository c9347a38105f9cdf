using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Forward over reverse for float callers and callees and for methods that mix float and double: each value's tangent
/// and adjoint's tangent are in its own type (as MBackward's adjoints), conversions convert them, and a call is
/// differentiated twice in its callee's type (a float callee's gradient and H·t in float). Checked by hand (float → float
/// with a scalar and a float[] argument, double → float and float → double through casts, a mixed method, a call in a
/// mixed method), against central differences of MBackward's gradient, H·v against the matrix, and what stays ADG0019.
/// </summary>
public class HessianFloatCallTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace HessFloatCall;

        public static partial class Ext
        {
            [Differentiable(Hessian = true)] public static float CubeF(float u) => u * u * u;
        }

        public static partial class M
        {
            [Differentiable(Hessian = true)] public static float CubeF(float u) => u * u * u;
            [Differentiable(Hessian = true)] public static double Cube(double u) => u * u * u;

            [Differentiable(Hessian = true)]
            public static float SumCubesF(float[] w)
            {
                float s = 0;
                for (int i = 0; i < w.Length; i++) s += w[i] * w[i] * w[i];
                return s;
            }

            // float → float: u³·v + sin v; H = [[6uv, 3u²], [3u², −sin v]].
            [Differentiable(Hessian = true)] public static float FF(float u, float v) => CubeF(u) * v + MathF.Sin(v);

            // The same through a helper of another class: called through its BackwardTangent (CubeF above is inlined).
            [Differentiable(Hessian = true)] public static float FFCalled(float u, float v) => Ext.CubeF(u) * v + MathF.Sin(v);

            // float → float with a float[] argument: (Σ wᵢ³)·x; H over (w₀, w₁, x): diag 6wᵢx, ∂²/∂wᵢ∂x = 3wᵢ², ∂²/∂x² = 0.
            [Differentiable(Hessian = true)] public static float GF(float[] w, float x) => SumCubesF(w) * x;

            // double → float through a cast: x³·y with x³ in float; H = [[6xy, 3x²], [3x², 0]].
            [Differentiable(Hessian = true)] public static double HD(double x, double y) => CubeF((float)x) * y + Math.Sin(x * y);

            // float → double: u converts to double implicitly, the result back by a cast; H = [[6uv, 3u²], [3u², 0]].
            [Differentiable(Hessian = true)] public static float KF(float u, float v) => (float)Cube(u) * v;

            // A method mixing double and float: e^{xw} + w²x; H = [[w²e, e(1 + xw) + 2w], [e(1 + xw) + 2w, x²e + 2x]].
            [Differentiable(Hessian = true)] public static double Mix(double x, float w) => Math.Exp(x * w) + w * w * x;

            // A call in a mixed method: x³·w; H = [[6xw, 3x²], [3x², 0]].
            [Differentiable(Hessian = true)] public static double MixCall(double x, float w) => Cube(x) * w;

            // A callee mixing double and float, and a caller converting into it: G(a, b) = a·b² + sin(a)·b.
            [Differentiable(Hessian = true)] public static double G(double a, float b) => a * b * b + Math.Sin(a) * b;

            // f(x, z) = G(x·z, (float)z)·x = x²z³ + x·sin(xz)·z (z rounded to float inside G); H by hand in the test.
            [Differentiable(Hessian = true)] public static double MixedCallee(double x, double z) => G(x * z, (float)z) * x;
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("HessFloatCall.M", throwOnError: true)!);

    private static T Method<T>(string name) where T : Delegate => Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    private delegate float FloatHessian2(float a, float b, Span<float> h);

    private delegate float FloatHessianArray(float[] w, float x, Span<float> h);

    private delegate double DoubleHessian2(double a, double b, Span<double> h);

    private delegate double MixedHessian(double x, float w, Span<double> h);

    private delegate double MixedProduct(double x, float w, ReadOnlySpan<double> v, Span<double> hv);

    private delegate double MixedBackward(double x, float w, ref double dx, ref float dw, double seed);

    private static void AssertClose(double[] expected, IReadOnlyList<double> actual, double tolerance, string what)
    {
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.True(Math.Abs(expected[k] - actual[k]) <= tolerance * Math.Max(1, Math.Abs(expected[k])),
                what + ": entry " + k + " expected " + expected[k].ToString("R") + ", got " + actual[k].ToString("R"));
        }
        int n = (int)Math.Sqrt(expected.Length);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) Assert.Equal(actual[i * n + j], actual[j * n + i]);
    }

    [Theory]
    [InlineData("FFHessian")]
    [InlineData("FFCalledHessian")]
    public void FloatCallerFloatCallee_MatchesHand(string name)
    {
        float u = 0.8f, v = -1.1f;
        var h = new float[4];
        float value = Method<FloatHessian2>(name)(u, v, h);
        Assert.Equal(u * u * u * v + MathF.Sin(v), value, 5);
        AssertClose(new double[] { 6 * u * v, 3 * u * u, 3 * u * u, -Math.Sin(v) }, h.Select(x => (double)x).ToArray(), 1e-5, "float → float");
    }

    [Fact]
    public void FloatCallerPassingItsFloatArray_MatchesHand()
    {
        var w = new[] { 0.5f, -1.5f };
        float x = 1.25f;
        var h = new float[9];
        Method<FloatHessianArray>("GFHessian")(w, x, h);
        var expected = new double[] { 6 * w[0] * x, 0, 3 * w[0] * w[0], 0, 6 * w[1] * x, 3 * w[1] * w[1], 3 * w[0] * w[0], 3 * w[1] * w[1], 0 };
        AssertClose(expected, h.Select(q => (double)q).ToArray(), 1e-5, "float[] argument");
    }

    [Fact]
    public void DoubleCallerOfAFloatCallee_MatchesHand()
    {
        double x = 0.6, y = 1.7;
        var h = new double[4];
        Method<DoubleHessian2>("HDHessian")(x, y, h);
        double s = Math.Sin(x * y), c = Math.Cos(x * y);
        // x³ in float: its second derivatives are float-precise.
        var expected = new[] { 6 * x * y - y * y * s, 3 * x * x + c - x * y * s, 3 * x * x + c - x * y * s, -x * x * s };
        AssertClose(expected, h, 1e-6, "double → float");
    }

    [Fact]
    public void FloatCallerOfADoubleCallee_MatchesHand()
    {
        float u = -0.9f, v = 2.2f;
        var h = new float[4];
        Method<FloatHessian2>("KFHessian")(u, v, h);
        AssertClose(new double[] { 6 * u * v, 3 * u * u, 3 * u * u, 0 }, h.Select(q => (double)q).ToArray(), 1e-5, "float → double");
    }

    [Theory]
    [InlineData(0.4, 0.75f)]
    [InlineData(-1.2, -0.5f)]
    public void MixedMethod_MatchesHand_CentralDifferences_AndItsProduct(double x, float w)
    {
        var h = new double[4];
        Method<MixedHessian>("MixHessian")(x, w, h);
        // x·w is computed in double (w converts), w·w in float: the entries are those of the double formula to float precision.
        double e = Math.Exp(x * w);
        var expected = new[] { w * w * e, e * (1 + x * w) + 2 * w, e * (1 + x * w) + 2 * w, x * x * e + 2 * x };
        AssertClose(expected, h, 1e-6, "mixed method by hand");
        // Central differences of MBackward's gradient along x (the double parameter): H's first row.
        var backward = Method<MixedBackward>("MixBackward");
        double Dx(double at) { double dx = 0; float dw = 0; backward(at, w, ref dx, ref dw, 1.0); return dx; }
        double central = (Dx(x + 1e-5) - Dx(x - 1e-5)) / 2e-5;
        Assert.True(Math.Abs(central - h[0]) <= 1e-5 * Math.Max(1, Math.Abs(h[0])), "∂²/∂x²: " + h[0] + " vs central " + central);
        var hv = new double[2];
        var dir = new[] { 0.3, -0.7 };
        Method<MixedProduct>("MixHessianVector")(x, w, dir, hv);
        for (int i = 0; i < 2; i++)
        {
            double expectedProduct = h[i * 2] * dir[0] + h[i * 2 + 1] * dir[1];
            Assert.True(Math.Abs(hv[i] - expectedProduct) <= 1e-6 * Math.Max(1, Math.Abs(expectedProduct)), "H·v entry " + i + ": " + hv[i] + " vs H times v " + expectedProduct);
        }
    }

    [Fact]
    public void CallInAMixedMethod_MatchesHand()
    {
        double x = 1.3;
        float w = 0.5f;
        var h = new double[4];
        Method<MixedHessian>("MixCallHessian")(x, w, h);
        // The entries in w's row and column are its adjoint's tangent, in float like its gradient (then made symmetric).
        AssertClose(new[] { 6 * x * w, 3 * x * x, 3 * x * x, 0 }, h, 1e-7, "call in a mixed method");
        Assert.Equal(6 * x * w, h[0], 12);
    }

    [Fact]
    public void Products_AreForwardOverReverse()
    {
        var run = GeneratorHarness.Run(Source);
        run.AssertClean();
        foreach (var name in new[] { "FF", "FFCalled", "GF", "HD", "KF", "Mix", "MixCall", "MixedCallee" })
        {
            string text = run.Generated.Single(k => k.Key.Contains("." + name + "_", StringComparison.Ordinal)).Value;
            Assert.Contains("forward over reverse", text);
            Assert.DoesNotContain("HessianWorkspace.Enter", text);
            Assert.DoesNotContain("NotSupportedException", text);
        }
        // A call goes through its callee's BackwardTangent, with nothing allocated: a float[] argument's adjoint (not formed
        // by the product) goes to a sink.
        string gf = run.Generated.Single(k => k.Key.Contains(".GF_", StringComparison.Ordinal)).Value;
        string product = gf.Substring(gf.IndexOf("GFHessianVector(float[] w", StringComparison.Ordinal));
        product = product.Substring(0, product.IndexOf("GFBackwardTangent(", StringComparison.Ordinal));
        Assert.Contains("SumCubesFBackwardTangent(", product);
        Assert.Contains("CurvatureArguments.Sink<float>(w)", product);
        Assert.DoesNotContain("new float[", product);
        // A small callee of the caller's class is inlined in the product (as in MBackward); one of another class is called.
        Assert.DoesNotContain("CubeFBackwardTangent(", Product(run, "FF"));
        Assert.DoesNotContain("CubeFBackward(", Product(run, "FF"));
        Assert.Contains("global::HessFloatCall.Ext.CubeFBackwardTangent(", Product(run, "FFCalled"));
    }

    /// <summary>The text of <paramref name="name"/>'s generated MHessianVector, up to its own BackwardTangent.</summary>
    private static string Product(GeneratorOutput run, string name)
    {
        string file = run.Generated.Single(k => k.Key.Contains("." + name + "_", StringComparison.Ordinal)).Value;
        string product = file.Substring(file.IndexOf(name + "HessianVector(", StringComparison.Ordinal));
        return product.Substring(0, product.IndexOf(name + "BackwardTangent(", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.7, 1.3)]
    [InlineData(-1.1, 0.4)]
    public void CalleeMixingFloatAndDouble_MatchesHand_AndCentralDifferences(double x, double z)
    {
        var h = new double[4];
        double value = Method<DoubleHessian2>("MixedCalleeHessian")(x, z, h);
        double zf = (float)z;
        Assert.Equal(x * x * z * zf * zf + x * Math.Sin(x * z) * zf, value, 9);
        // With z exact (the float rounding only moves z by ~1e-8): f = x²z³ + x z sin(xz).
        double s = Math.Sin(x * z), c = Math.Cos(x * z);
        double fxx = 2 * z * z * z + 2 * z * z * c - x * z * z * z * s;
        double fxz = 6 * x * z * z + s + 3 * x * z * c - x * x * z * z * s;
        double fzz = 6 * x * x * z + 2 * x * x * c - x * x * x * z * s;
        AssertClose(new[] { fxx, fxz, fxz, fzz }, h, 1e-5, "callee mixing float and double");
        var backward = Compiled.Value.GetMethod("MixedCalleeBackward", BindingFlags.Public | BindingFlags.Static)!;
        double[] Gradient(double a, double b)
        {
            var args = new object[] { a, b, 0.0, 0.0, 1.0 };
            backward.Invoke(null, args);
            return new[] { (double)args[2], (double)args[3] };
        }
        double step = 1e-4;
        var gx = new[] { Gradient(x + step, z), Gradient(x - step, z) };
        Assert.True(Math.Abs((gx[0][0] - gx[1][0]) / (2 * step) - h[0]) <= 1e-4 * Math.Max(1, Math.Abs(h[0])), "∂²/∂x² against central differences");
        Assert.True(Math.Abs((gx[0][1] - gx[1][1]) / (2 * step) - h[1]) <= 1e-3 * Math.Max(1, Math.Abs(h[1])), "∂²/∂x∂z against central differences");
    }

    [Theory]
    // A callee with a float[] and a double result: the call passes an array of another type than the callee's result.
    [InlineData("[Differentiable(Hessian = true)] public static double G(double a, float[] b) => a * b[0]; [Differentiable(Hessian = true)] public static double F(double x, float[] w) => G(x, w);", "G(")]
    // A float[] in a double method keeps second-order forward mode, which has no calls.
    [InlineData("[Differentiable(Hessian = true)] public static double G(double a) => a * a; [Differentiable(Hessian = true)] public static double F(double x, float[] w) => G(x) * w[0];", "G(")]
    public void OutsideSupport_IsADG0019AtTheCall(string methods, string at)
    {
        var run = GeneratorHarness.Run("using System; using AutoDiffGen; namespace OutF; public static partial class M { " + methods + " }");
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, d => d.Id == "ADG0019" && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).StartsWith(at, StringComparison.Ordinal));
        Assert.DoesNotContain(run.Generated.Values, t => t.Contains("FHessian", StringComparison.Ordinal));
    }
}
