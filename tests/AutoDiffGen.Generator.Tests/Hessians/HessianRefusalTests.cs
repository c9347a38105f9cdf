using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Issue 14 (hess9): the Hessian refusals left are each ADG0019 at the construct with what to write instead, and what
/// each says to write is differentiated twice for real: checked by hand and against central differences of
/// <c>MBackward</c>'s gradient, with <c>MHessianVector</c> against the hand Hessian times a direction. A method writing
/// its array parameter (the message: write a local copy), a call writing its array argument (the callee writes a copy),
/// a struct passed to a Hessian callee (its members as doubles), a tuple-returning callee (one method per component), a
/// generic callee (a double overload), a jagged parameter (a double[,]).
/// </summary>
public class HessianRefusalTests
{
    private static string Span(Diagnostic d) => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    private const string Usings = "using System;\nusing System.Numerics;\nusing AutoDiffGen;\n";

    [Theory]
    // A method writing its own float[] parameter in a double method (a double[] written is supported since hess11:
    // HessianWrittenParameterTests; a Span<double> since hess12: HessianWritingCalleeTests).
    [InlineData("[Differentiable(Hessian = true)] public static double F(float[] a, double k) { double s = 0; for (int i = 1; i < a.Length; i++) { a[i] = (float)(a[i] * k); s += a[i] * a[i - 1]; } return s; }",
        "F", "float[] a", "copy it into a local array first (var copy = new float[a.Length]; for (int i = 0; i < a.Length; i++) copy[i] = a[i];)")]
    // (Since hess23 a static one is inlined where the call always runs: HessianArrayShapeTests; here in a ?: arm, still refused.)
    // ... a double[,] through a callee returning a double that writes it: at the call (a callee returning a double that writes
    // a double[] is followed since hess12: HessianWritingCalleeTests; a void callee writing a double[], here before hess21,
    // is inlined since: PeerSuite/CladModes21HandTests).
    [InlineData("[Differentiable] public static double Scale(double[,] m, double k) { for (int j = 0; j < 2; j++) m[0, j] = m[0, j] * k; return m[0, 1]; }\n"
        + "[Differentiable(Hessian = true)] public static double F(double k, double x) { var m = new double[1, 2]; m[0, 0] = x; m[0, 1] = x * k; double s = k > -100 ? Scale(m, k) : 0.0; return s * m[0, 0]; }", "F", "Scale(m, k)", "have 'Scale' copy the array into a local one")]
    // (A local array passed to a callee that writes it, W06's ValueAndArray.HessCaller, is followed since hess12: HessianWritingCalleeTests.)
    // (A struct passed by in to a callee, X08's Modes.CallsInHessian, and a tuple-returning callee are inlined since hess14:
    // HessianStructCallTests checks both by hand; a recursive one, which is not inlined, stays ADG0019 at the call.)
    [InlineData("public struct P2 { public double X; public double Y; public P2(double x, double y) { X = x; Y = y; } }\n"
        + "[Differentiable] public static double In(in P2 p, int n) => n <= 0 ? p.X * p.Y : In(new P2(p.Y, p.X), n - 1) + p.X;\n"
        + "[Differentiable(Hessian = true)] public static double F(double x, double y) => In(new P2(x, y), 2) + y;", "F", "In(new P2(x, y), 2)", "it passes a C.P2 (its parameter 'p') that carries a gradient")]
    // A generic callee: a double overload (Hessian = true on a generic method is ADG0025).
    [InlineData("[Differentiable] public static T Cube<T>(T x) where T : IFloatingPointIeee754<T> => x * x * x;\n"
        + "[Differentiable(Hessian = true)] public static double F(double x, double y) => Cube(x) * y;", "F", "Cube(x)", "write a double overload of 'Cube'")]
    // A jagged parameter of another type than the result (a double[][] is followed since hess16: HessianJaggedTests).
    [InlineData("[Differentiable(Hessian = true)] public static double F(float[][] m, double y) => m[0][0] * m[1][0] * y;", "F", "float[][] m", "pass it as a double[][]")]
    public void Refusal_IsADG0019AtTheConstruct_SayingWhatToWriteInstead(string body, string method, string at, string instead)
    {
        var run = GeneratorHarness.Run(Usings + "public static partial class C\n{\n" + body + "\n}\n");
        Assert.Empty(run.Exceptions);
        var error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0019", error.Id);
        Assert.Equal(at, Span(error));
        Assert.Contains(instead, error.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Generated.Values, text => text.Contains(method + "Hessian(", StringComparison.Ordinal));
        // Without Hessian = true the same source is differentiated: each error is Hessian mode's.
        GeneratorHarness.Run(Usings + "public static partial class C\n{\n" + body.Replace("(Hessian = true)", "", StringComparison.Ordinal) + "\n}\n").AssertClean();
    }

    /// <summary>What each refusal says to write instead, with wrappers over flat arrays: NH (MHessian), NG (MBackward), NV (MHessianVector).</summary>
    private const string Instead = Usings + """
        public static partial class W
        {
            // SmoothH with its array copied first (the hand value: f = k·a0·a1 + k²·a1·a2).
            [Differentiable(Hessian = true)]
            public static double Smooth(double[] a, double k)
            {
                var b = new double[a.Length];
                for (int i = 0; i < a.Length; i++) b[i] = a[i];
                double s = 0;
                for (int i = 1; i < b.Length; i++)
                {
                    b[i] = b[i] * k;
                    s += b[i] * b[i - 1];
                }
                return s;
            }
            public static void SmoothH(double[] p, double[] h) => SmoothHessian(new[] { p[0], p[1], p[2] }, p[3], h);
            public static void SmoothG(double[] p, double[] g) { var da = new double[3]; double dk = 0; SmoothBackward(new[] { p[0], p[1], p[2] }, p[3], da, ref dk); da.CopyTo(g, 0); g[3] = dk; }
            public static void SmoothV(double[] p, double[] v, double[] hv) => SmoothHessianVector(new[] { p[0], p[1], p[2] }, p[3], v, hv);

            // HessCaller over the copying callee: what the caller read after the call (a[1] = k·k) computed by itself.
            [Differentiable(Hessian = true)]
            public static double Caller(double x, double k)
            {
                var a = new[] { x, k, x * k };
                double s = Smooth(a, k);
                return s + k * k * x;
            }
            public static void CallerH(double[] p, double[] h) => CallerHessian(p[0], p[1], h);
            public static void CallerG(double[] p, double[] g) { double dx = 0, dk = 0; CallerBackward(p[0], p[1], ref dx, ref dk); g[0] = dx; g[1] = dk; }
            public static void CallerV(double[] p, double[] v, double[] hv) => CallerHessianVector(p[0], p[1], v, hv);

            // CallsInHessian with the struct's members as doubles.
            [Differentiable(Hessian = true)]
            public static double In(double px, double py, double w) => px * py * w + Math.Exp(px * w);
            [Differentiable(Hessian = true)]
            public static double CallsIn(double x, double y) => In(x, y, x) + y;
            public static void CallsInH(double[] p, double[] h) => CallsInHessian(p[0], p[1], h);
            public static void CallsInG(double[] p, double[] g) { double dx = 0, dy = 0; CallsInBackward(p[0], p[1], ref dx, ref dy); g[0] = dx; g[1] = dy; }
            public static void CallsInV(double[] p, double[] v, double[] hv) => CallsInHessianVector(p[0], p[1], v, hv);

            // A tuple callee split into one method per component.
            [Differentiable] public static double Prod(double x, double y) => x * y;
            [Differentiable] public static double Sum(double x, double y) => x + y;
            [Differentiable(Hessian = true)]
            public static double Parts(double x, double y) { double a = Prod(x, y), b = Sum(x, y); return a * b; }
            public static void PartsH(double[] p, double[] h) => PartsHessian(p[0], p[1], h);
            public static void PartsG(double[] p, double[] g) { double dx = 0, dy = 0; PartsBackward(p[0], p[1], ref dx, ref dy); g[0] = dx; g[1] = dy; }
            public static void PartsV(double[] p, double[] v, double[] hv) => PartsHessianVector(p[0], p[1], v, hv);

            // A generic callee's double overload.
            [Differentiable] public static double Cube(double x) => Math.Exp(0.1 * x) * x * x * x;
            [Differentiable(Hessian = true)]
            public static double Cubed(double x, double y) => Cube(x) * y;
            public static void CubedH(double[] p, double[] h) => CubedHessian(p[0], p[1], h);
            public static void CubedG(double[] p, double[] g) { double dx = 0, dy = 0; CubedBackward(p[0], p[1], ref dx, ref dy); g[0] = dx; g[1] = dy; }
            public static void CubedV(double[] p, double[] v, double[] hv) => CubedHessianVector(p[0], p[1], v, hv);

            // A jagged parameter passed as a double[,] (2 × 1): n = 3, m[0, 0], m[1, 0], y.
            [Differentiable(Hessian = true)]
            public static double Grid(double[,] m, double y) => m[0, 0] * m[1, 0] * y;
            public static void GridH(double[] p, double[] h) => GridHessian(new[,] { { p[0] }, { p[1] } }, p[2], h);
            public static void GridG(double[] p, double[] g) { var dm = new double[2, 1]; double dy = 0; GridBackward(new[,] { { p[0] }, { p[1] } }, p[2], dm, ref dy); g[0] = dm[0, 0]; g[1] = dm[1, 0]; g[2] = dy; }
            public static void GridV(double[] p, double[] v, double[] hv) => GridHessianVector(new[,] { { p[0] }, { p[1] } }, p[2], v, hv);
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Instead).GetType("W")!);

    /// <summary>MHessian at <paramref name="p"/> against the hand Hessian and central differences of MBackward; H·v against the hand H times v.</summary>
    private static void Check(string name, double[] p, double[] hand)
    {
        var type = Compiled.Value;
        int n = p.Length;
        var h = new double[n * n];
        type.GetMethod(name + "H")!.CreateDelegate<Action<double[], double[]>>()(p, h);
        var central = HessianModeTests.CentralHessian(type.GetMethod(name + "G")!.CreateDelegate<Action<double[], double[]>>(), p);
        double scale = hand.Max(Math.Abs);
        for (int k = 0; k < n * n; k++)
        {
            Tolerance.AssertFormula(hand[k], h[k], name + " H[" + k + "] by hand");
            Tolerance.AssertCentral(central[k], h[k], 1 + scale, name + " H[" + k + "] vs central differences of MBackward");
        }
        var v = Enumerable.Range(0, n).Select(i => 0.3 * i - 0.7).ToArray();
        var hv = new double[n];
        type.GetMethod(name + "V")!.CreateDelegate<Action<double[], double[], double[]>>()(p, v, hv);
        for (int i = 0; i < n; i++)
        {
            double expected = Enumerable.Range(0, n).Sum(j => hand[i * n + j] * v[j]);
            Tolerance.AssertFormula(expected, hv[i], name + " (H·v)[" + i + "] by hand");
        }
    }

    [Fact]
    public void ArrayParameterCopiedBeforeItIsWritten_MatchesHand()
    {
        // f = k·a0·a1 + k²·a1·a2 over (a0, a1, a2, k): ∂²f/∂a0∂a1 = k, ∂a0∂k = a1, ∂a1∂a2 = k², ∂a1∂k = a0 + 2k·a2,
        // ∂a2∂k = 2k·a1, ∂k² = 2·a1·a2, the rest 0.
        double a0 = 0.6, a1 = -1.3, a2 = 0.9, k = 1.7;
        Check("Smooth", new[] { a0, a1, a2, k }, new[]
        {
            0, k, 0, a1,
            k, 0, k * k, a0 + 2 * k * a2,
            0, k * k, 0, 2 * k * a1,
            a1, a0 + 2 * k * a2, 2 * k * a1, 2 * a1 * a2,
        });
    }

    [Fact]
    public void CallOfACalleeThatWritesACopy_MatchesHand()
    {
        // a = (x, k, xk): Smooth = k·x·k + k²·k·xk = xk² + xk⁴; f = xk² + xk⁴ + k²x = x(2k² + k⁴):
        // f_xx = 0, f_xk = 4k + 4k³, f_kk = x(4 + 12k²).
        double x = 0.8, k = -1.1;
        double xk = 4 * k + 4 * k * k * k, kk = x * (4 + 12 * k * k);
        Check("Caller", new[] { x, k }, new[] { 0, xk, xk, kk });
    }

    [Fact]
    public void StructMembersPassedAsDoubles_MatchHand()
    {
        // f = x²y + e^{x²} + y: f_xx = 2y + (2 + 4x²)e^{x²}, f_xy = 2x, f_yy = 0.
        double x = 0.7, y = -0.4, e = Math.Exp(x * x);
        Check("CallsIn", new[] { x, y }, new[] { 2 * y + (2 + 4 * x * x) * e, 2 * x, 2 * x, 0 });
    }

    [Fact]
    public void TupleCalleeSplitIntoComponents_MatchesHand()
    {
        // f = xy(x + y) = x²y + xy²: f_xx = 2y, f_xy = 2x + 2y, f_yy = 2x (the quadratic form's corner).
        double x = 1.3, y = -0.6;
        Check("Parts", new[] { x, y }, new[] { 2 * y, 2 * x + 2 * y, 2 * x + 2 * y, 2 * x });
    }

    [Fact]
    public void DoubleOverloadOfAGenericCallee_MatchesHand()
    {
        // g(x) = e^{x/10}x³: g' = e(0.1x³ + 3x²), g'' = e(0.01x³ + 0.6x² + 6x); f = g(x)·y.
        double x = 1.2, y = 0.5, e = Math.Exp(0.1 * x);
        double g1 = e * (0.1 * x * x * x + 3 * x * x), g2 = e * (0.01 * x * x * x + 0.6 * x * x + 6 * x);
        Check("Cubed", new[] { x, y }, new[] { g2 * y, g1, g1, 0 });
    }

    [Fact]
    public void JaggedParameterPassedAsAMatrix_MatchesHand()
    {
        // f = m00·m10·y: H = [[0, y, m10], [y, 0, m00], [m10, m00, 0]].
        double m00 = 0.4, m10 = -2.1, y = 1.6;
        Check("Grid", new[] { m00, m10, y }, new[] { 0, y, m10, y, 0, m00, m10, m00, 0 });
    }
}
