using System.Reflection;
using AutoDiffGen.Generator.Tests.Hessians;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms19;

/// <summary>
/// Issue 13 (idioms19, item 1): <c>Hessian = true</c> with a <c>[WithRespectTo]</c> class parameter (ADG0019 at the
/// parameter until idioms19). The class's real members are numbered among the differentiable scalars in declaration order,
/// a struct member's own members in place, as a struct of reals' fields are; <c>MHessian</c> and <c>MHessianVector</c> keep
/// the contract's span shapes over that numbering. Each Hessian is checked by hand, against central differences of
/// <c>MBackward</c>'s gradient (its <c>ref dM</c>) and <c>MHessianVector</c> along a direction (<see cref="HessianChecks"/>),
/// for a record (its adjoint replaced by <c>with</c>), a class of settable members (in place), a class rebuilt through its
/// constructor (a private readonly field read through its property), a record holding a struct, and a loss that calls a
/// <c>[Differentiable]</c> predictor with the object (its body inlined in the product).
/// </summary>
public class ClassHessianTests
{
    internal const string Source = """
        using System;
        using AutoDiffGen;

        public struct V2 { public double X; public double Y; }
        public record Line(double W, double B);
        public record Bump(double H, V2 At);
        public class Affine { public double W; public double B { get; set; } public int N; }
        public class Frozen
        {
            public double W { get; }
            private readonly double _b;
            public double B => _b;
            public Frozen(double w, double b) { W = w; _b = b; }
        }

        public static partial class C
        {
            public static readonly double[] Xs = { 0.5, 1.5, -1.0 };
            public static readonly double[] Ys = { 1.0, 2.5, -0.5 };

            [Differentiable(Hessian = true)]
            public static double LossLine([WithRespectTo] Line m, [NoDiff] double[] xs, [NoDiff] double[] ys)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) { double e = m.W * xs[i] + m.B - ys[i]; s += e * e; }
                return s / xs.Length;
            }

            [Differentiable(Hessian = true)]
            public static double PredictLine([WithRespectTo] Line m, double x) => m.W * x + m.B;

            [Differentiable(Hessian = true)]
            public static double LossCall([WithRespectTo] Line m, [NoDiff] double[] xs, [NoDiff] double[] ys)
            {
                double s = 0;
                for (int i = 0; i < xs.Length; i++) { double e = PredictLine(m, xs[i]) - ys[i]; s += e * e; }
                return s / xs.Length;
            }

            [Differentiable(Hessian = true)]
            public static double MixAffine(double k, [WithRespectTo] Affine m, double[] v) => k * m.W * m.B * v[0] + Math.Exp(m.B * v[1]) * m.N;

            [Differentiable(Hessian = true)]
            public static double Fro([WithRespectTo] Frozen f, double x) => f.W * f.W * x + f.B * x * x * x;

            [Differentiable(Hessian = true)]
            public static double BumpH([WithRespectTo] Bump b, double x) => b.H * b.At.X * b.At.X * x + b.At.Y * Math.Sin(b.H);

            public static double LossLineH(double[] p, double[] h) => LossLineHessian(new Line(p[0], p[1]), Xs, Ys, h);
            public static double LossLineV(double[] p, double[] v, double[] hv) => LossLineHessianVector(new Line(p[0], p[1]), Xs, Ys, v, hv);
            public static void LossLineG(double[] p, double[] g) { var d = new Line(0, 0); LossLineBackward(new Line(p[0], p[1]), Xs, Ys, ref d); g[0] = d.W; g[1] = d.B; }

            public static double LossCallH(double[] p, double[] h) => LossCallHessian(new Line(p[0], p[1]), Xs, Ys, h);
            public static double LossCallV(double[] p, double[] v, double[] hv) => LossCallHessianVector(new Line(p[0], p[1]), Xs, Ys, v, hv);
            public static void LossCallG(double[] p, double[] g) { var d = new Line(0, 0); LossCallBackward(new Line(p[0], p[1]), Xs, Ys, ref d); g[0] = d.W; g[1] = d.B; }

            private static Affine A(double w, double b) => new Affine { W = w, B = b, N = 2 };
            public static double MixAffineH(double[] p, double[] h) => MixAffineHessian(p[0], A(p[1], p[2]), new[] { p[3], p[4] }, h);
            public static double MixAffineV(double[] p, double[] v, double[] hv) => MixAffineHessianVector(p[0], A(p[1], p[2]), new[] { p[3], p[4] }, v, hv);
            public static void MixAffineG(double[] p, double[] g)
            {
                double dk = 0; var dm = A(0, 0); var dv = new double[2];
                MixAffineBackward(p[0], A(p[1], p[2]), new[] { p[3], p[4] }, ref dk, ref dm, dv);
                g[0] = dk; g[1] = dm.W; g[2] = dm.B; g[3] = dv[0]; g[4] = dv[1];
            }

            public static double FroH(double[] p, double[] h) => FroHessian(new Frozen(p[0], p[1]), p[2], h);
            public static double FroV(double[] p, double[] v, double[] hv) => FroHessianVector(new Frozen(p[0], p[1]), p[2], v, hv);
            public static void FroG(double[] p, double[] g) { var d = new Frozen(0, 0); double dx = 0; FroBackward(new Frozen(p[0], p[1]), p[2], ref d, ref dx); g[0] = d.W; g[1] = d.B; g[2] = dx; }

            private static Bump B(double[] p) => new Bump(p[0], new V2 { X = p[1], Y = p[2] });
            public static double BumpHH(double[] p, double[] h) => BumpHHessian(B(p), p[3], h);
            public static double BumpHV(double[] p, double[] v, double[] hv) => BumpHHessianVector(B(p), p[3], v, hv);
            public static void BumpHG(double[] p, double[] g) { var d = new Bump(0, default); double dx = 0; BumpHBackward(B(p), p[3], ref d, ref dx); g[0] = d.H; g[1] = d.At.X; g[2] = d.At.Y; g[3] = dx; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static void Check(string name, double[] p, double[] hand)
    {
        var t = Compiled.Value.GetType("C", throwOnError: true)!;
        T Get<T>(string suffix) where T : Delegate => t.GetMethod(name + suffix, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();
        HessianChecks.Check("C." + name, Get<Func<double[], double[], double>>("H"), Get<Func<double[], double[], double[], double>>("V"),
            Get<Action<double[], double[]>>("G"), p, hand, HessianChecks.Double);
    }

    /// <summary>
    /// L = (1/n) Σ (w·xᵢ + b − yᵢ)²: H = (2/n)[[Σx², Σx], [Σx, n]], whatever (w, b). With x = (0.5, 1.5, −1): Σx² = 3.5, Σx = 1,
    /// so H = [[7/3, 2/3], [2/3, 2]]. The loss that calls PredictLine has the same Hessian.
    /// </summary>
    [Theory]
    [InlineData("LossLine", 0.8, 0.3)]
    [InlineData("LossLine", -1.2, 0.7)]
    [InlineData("LossCall", 0.8, 0.3)]
    [InlineData("LossCall", 1.9, -0.4)]
    public void LeastSquaresOverARecord_IsTheHandHessian(string name, double w, double b) =>
        Check(name, new[] { w, b }, new[] { 7.0 / 3, 2.0 / 3, 2.0 / 3, 2.0 });

    /// <summary>
    /// f = k·W·B·v₀ + N·e^(B·v₁) over (k, W, B, v₀, v₁), N = 2 a constant member: H[k,W] = B v₀, H[k,B] = W v₀, H[k,v₀] = W B,
    /// H[W,B] = k v₀, H[W,v₀] = k B, H[B,B] = N v₁² e, H[B,v₀] = k W, H[B,v₁] = N e (1 + B v₁), H[v₁,v₁] = N B² e with
    /// e = e^(B v₁); the rest 0. At (1.3, 0.7, −0.4, 0.9, 0.6) the non-zero entries are distinct.
    /// </summary>
    [Theory]
    [InlineData(1.3, 0.7, -0.4, 0.9, 0.6)]
    [InlineData(-0.8, 1.1, 0.5, -0.3, 1.2)]
    public void SettableClassBetweenAScalarAndAnArray_IsTheHandHessian(double k, double w, double b, double v0, double v1)
    {
        double e = Math.Exp(b * v1);
        const double n = 2;
        double[] hand =
        {
            0, b * v0, w * v0, w * b, 0,
            b * v0, 0, k * v0, k * b, 0,
            w * v0, k * v0, n * v1 * v1 * e, k * w, n * e * (1 + (b * v1)),
            w * b, k * b, k * w, 0, 0,
            0, 0, n * e * (1 + (b * v1)), 0, n * b * b * e,
        };
        Check("MixAffine", new[] { k, w, b, v0, v1 }, hand);
    }

    /// <summary>f = W²·x + B·x³ over (W, B, x): H = [[2x, 0, 2W], [0, 0, 3x²], [2W, 3x², 6Bx]].</summary>
    [Theory]
    [InlineData(1.1, 0.5, 0.8)]
    [InlineData(-0.7, 1.4, -1.3)]
    public void ClassRebuiltThroughItsConstructor_IsTheHandHessian(double w, double b, double x) =>
        Check("Fro", new[] { w, b, x }, new[] { 2 * x, 0, 2 * w, 0, 0, 3 * x * x, 2 * w, 3 * x * x, 6 * b * x });

    /// <summary>
    /// f = H·X²·x + Y·sin H over (H, At.X, At.Y, x): H[H,H] = −Y sin H, H[H,X] = 2Xx, H[H,Y] = cos H, H[H,x] = X², H[X,X] = 2Hx,
    /// H[X,x] = 2HX; the rest 0.
    /// </summary>
    [Theory]
    [InlineData(0.7, 1.3, -0.6, 0.9)]
    [InlineData(-1.1, 0.4, 1.7, -0.5)]
    public void RecordHoldingAStruct_IsTheHandHessian(double hh, double x0, double y0, double x)
    {
        double[] hand =
        {
            -y0 * Math.Sin(hh), 2 * x0 * x, Math.Cos(hh), x0 * x0,
            2 * x0 * x, 2 * hh * x, 0, 2 * hh * x0,
            Math.Cos(hh), 0, 0, 0,
            x0 * x0, 2 * hh * x0, 0, 0,
        };
        Check("BumpH", new[] { hh, x0, y0, x }, hand);
    }

    [Fact]
    public void GeneratedCode_NumbersTheMembers_AndInlinesThePredictor()
    {
        var run = GeneratorHarness.Run(Source);
        Assert.Empty(run.StrictDiagnostics());
        string all = string.Concat(run.Generated.Values);
        Assert.Contains("public static double LossLineHessianVector(global::Line m, double[] xs, double[] ys, global::System.ReadOnlySpan<double> direction, global::System.Span<double> hessianVector)", all, StringComparison.Ordinal);
        Assert.Contains("public static double MixAffineHessian(double k, global::Affine m, double[] v, global::System.Span<double> hessian)", all, StringComparison.Ordinal);
        // The product does not call the predictor (its MBackwardTangent would need the class's tangents): its body is inlined.
        Assert.DoesNotContain("PredictLineBackwardTangent(", all, StringComparison.Ordinal);
    }
}
