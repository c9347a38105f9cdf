using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Issue 14 (hess18): in Hessian mode, a slice (<c>a.AsSpan(1, 2)</c>, <c>a[0..2]</c>, <c>s.Slice(1)</c>) passed to a callee
/// that takes a span and only reads it. Before, ADG0019 at the call (hess17's survey: 121 of its 141 refusals). The product
/// passes the callee's <c>MBackwardTangent</c> the same slice of the array's tangents, adjoint and adjoint's tangents (a
/// parameter's: of its block of the direction and of the output); a local array stored into after the call, or passed in
/// a loop, is sliced from the copy taken at the call with its tangents (hess17's machinery). Each Hessian is checked by hand
/// (at points where its entries are non-zero and distinct) and against central differences of <c>MBackward</c>'s gradient,
/// <c>MHessianVector</c> against central differences of the gradient along v and against MHessian·v. (A callee that writes
/// the slice is ADG0003 in every mode, reverse mode's own refusal.)
/// </summary>
public class HessianSliceCallTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;
        public static partial class SL
        {
            // Without Hessian = true: its MBackwardTangent is written from its body for the callers.
            [Differentiable]
            public static double Head(ReadOnlySpan<double> a) => a[0] * a[1];

            [Differentiable(Hessian = true)]
            public static double HeadH(ReadOnlySpan<double> a) => a[0] * a[1];

            [Differentiable(Hessian = true)]
            public static float HeadF(ReadOnlySpan<float> a) => a[0] * a[0] * a[1];

            // Slices of a parameter, by AsSpan and by a range: f = c·a1·a2 + a0·a1.
            [Differentiable(Hessian = true)]
            public static double ParamSlice(double[] a, double c) => c * Head(a.AsSpan(1, 2)) + Head(a[0..2]);

            // A local array stored into after the call: s = xy², v[1] = x²y², f = xy² + x³y².
            [Differentiable(Hessian = true)]
            public static double LocalSlice(double x, double y)
            {
                var v = new[] { x, y, x * y };
                double s = HeadH(v.AsSpan(1));
                v[1] = s * x;
                return s + Head(v[..2]);
            }

            // A new array each iteration: k = 0 gives x·xy, k = 1 gives (x + y)·xy; f = 2x²y + xy².
            [Differentiable(Hessian = true)]
            public static double LoopSlice(double x, double y)
            {
                double s = 0;
                for (int k = 0; k < 2; k++)
                {
                    var v = new[] { x, y * k + x, x * y };
                    s += HeadH(v.AsSpan(1));
                }
                return s;
            }

            // A span parameter's slice: f = a0·a1·a2.
            [Differentiable(Hessian = true)]
            public static double SpanParam(ReadOnlySpan<double> a) => Head(a.Slice(1)) * a[0];

            // In float: f = a1²·a2·a0.
            [Differentiable(Hessian = true)]
            public static float FloatSlice(float[] a) => HeadF(a.AsSpan(1)) * a[0];

            public static double ParamSliceH(double[] p, double[] h) => ParamSliceHessian(new[] { p[0], p[1], p[2] }, p[3], h);
            public static double ParamSliceV(double[] p, double[] v, double[] hv) => ParamSliceHessianVector(new[] { p[0], p[1], p[2] }, p[3], v, hv);
            public static void ParamSliceG(double[] p, double[] g) { var da = new double[3]; double dc = 0; ParamSliceBackward(new[] { p[0], p[1], p[2] }, p[3], da, ref dc); g[0] = da[0]; g[1] = da[1]; g[2] = da[2]; g[3] = dc; }
            public static double LocalSliceH(double[] p, double[] h) => LocalSliceHessian(p[0], p[1], h);
            public static double LocalSliceV(double[] p, double[] v, double[] hv) => LocalSliceHessianVector(p[0], p[1], v, hv);
            public static void LocalSliceG(double[] p, double[] g) { double dx = 0, dy = 0; LocalSliceBackward(p[0], p[1], ref dx, ref dy); g[0] = dx; g[1] = dy; }
            public static double LoopSliceH(double[] p, double[] h) => LoopSliceHessian(p[0], p[1], h);
            public static double LoopSliceV(double[] p, double[] v, double[] hv) => LoopSliceHessianVector(p[0], p[1], v, hv);
            public static void LoopSliceG(double[] p, double[] g) { double dx = 0, dy = 0; LoopSliceBackward(p[0], p[1], ref dx, ref dy); g[0] = dx; g[1] = dy; }
            public static double SpanParamH(double[] p, double[] h) => SpanParamHessian(p, h);
            public static double SpanParamV(double[] p, double[] v, double[] hv) => SpanParamHessianVector(p, v, hv);
            public static void SpanParamG(double[] p, double[] g) { Array.Clear(g); SpanParamBackward(p, g); }
            private static float[] F(double[] p) => Array.ConvertAll(p, e => (float)e);
            private static void Back(float[] f, double[] d) { for (int i = 0; i < f.Length; i++) d[i] = f[i]; }
            public static double FloatSliceH(double[] p, double[] h) { var hf = new float[h.Length]; float r = FloatSliceHessian(F(p), hf); Back(hf, h); return r; }
            public static double FloatSliceV(double[] p, double[] v, double[] hv) { var hf = new float[hv.Length]; float r = FloatSliceHessianVector(F(p), F(v), hf); Back(hf, hv); return r; }
            public static void FloatSliceG(double[] p, double[] g) { var gf = new float[g.Length]; FloatSliceBackward(F(p), gf); Back(gf, g); }
        }
        """;

    /// <summary>Only AsSpan slices (no ranges, no target-typed forms): compiled under every language version, nullable on and off.</summary>
    private const string OldSource = """
        using System;
        using AutoDiffGen;
        public static partial class SO
        {
            [Differentiable]
            public static double Head(ReadOnlySpan<double> a) { return a[0] * a[1]; }

            [Differentiable(Hessian = true)]
            public static double ParamSlice(double[] a, double c) { return c * Head(a.AsSpan(1, 2)) + Head(a.AsSpan(0, 2)); }

            [Differentiable(Hessian = true)]
            public static double LoopSlice(double x, double y)
            {
                double s = 0;
                for (int k = 0; k < 2; k++)
                {
                    double[] v = new double[] { x, y * k + x, x * y };
                    s += Head(v.AsSpan(1));
                    v[0] = s;
                }
                return s;
            }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("SL")!);

    private static T Method<T>(string name) where T : Delegate => Compiled.Value.GetMethod(name)!.CreateDelegate<T>();

    private static void Check(string name, double[] p, double[] hand, HessianChecks.Precision precision) =>
        HessianChecks.Check(name, Method<Func<double[], double[], double>>(name + "H"), Method<Func<double[], double[], double[], double>>(name + "V"),
            Method<Action<double[], double[]>>(name + "G"), p, hand, precision);

    [Fact]
    public void GeneratedCode_HasNoDiagnostic_AndPassesSlicesOfTheTangents()
    {
        var run = GeneratorHarness.Run(Source);
        Assert.Empty(run.Exceptions);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.StrictDiagnostics());
        string param = run.Generated.Values.Single(t => t.Contains("ParamSliceHessianVector(", StringComparison.Ordinal));
        // The callee's tangent and adjoint's tangent are slices of the parameter's block of the direction and of the output.
        Assert.Contains("((global::System.ReadOnlySpan<double>)tA).Slice(", param, StringComparison.Ordinal);
        Assert.Contains("((global::System.Span<double>)tdA).Slice(", param, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void GeneratedCode_CompilesWithoutErrorsOrWarnings_OnEveryLanguageVersion(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, OldSource);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }

    [Theory]
    [InlineData(0.7, -1.3, 2.1, 1.7)]
    [InlineData(-0.4, 0.9, 1.6, -2.3)]
    public void ParameterSlices_MatchHand(double a0, double a1, double a2, double c)
    {
        // f = c·a1·a2 + a0·a1 over (a0, a1, a2, c): f_a0a1 = 1, f_a1a2 = c, f_a1c = a2, f_a2c = a1, the rest 0.
        Check("ParamSlice", new[] { a0, a1, a2, c }, new[]
        {
            0, 1, 0, 0,
            1, 0, c, a2,
            0, c, 0, a1,
            0, a2, a1, 0,
        }, HessianChecks.Double);
        Tolerance.AssertFormula((c * a1 * a2) + (a0 * a1), Method<Func<double[], double[], double>>("ParamSliceH")(new[] { a0, a1, a2, c }, new double[16]), "value");
    }

    [Theory]
    [InlineData(0.8, -1.4)]
    [InlineData(-1.1, 0.6)]
    public void SliceOfALocalArrayStoredIntoAfterTheCall_MatchesHand(double x, double y)
    {
        // f = xy² + x³y²: f_xx = 6xy², f_xy = 2y + 6x²y, f_yy = 2x + 2x³.
        double xy = (2 * y) + (6 * x * x * y);
        Check("LocalSlice", new[] { x, y }, new[] { 6 * x * y * y, xy, xy, (2 * x) + (2 * x * x * x) }, HessianChecks.Double);
    }

    [Theory]
    [InlineData(0.9, -0.7)]
    [InlineData(-1.3, 0.4)]
    public void SliceOfANewArrayEachIteration_MatchesHand(double x, double y)
    {
        // f = 2x²y + xy²: f_xx = 4y, f_xy = 4x + 2y, f_yy = 2x.
        double xy = (4 * x) + (2 * y);
        Check("LoopSlice", new[] { x, y }, new[] { 4 * y, xy, xy, 2 * x }, HessianChecks.Double);
    }

    [Fact]
    public void SliceOfASpanParameter_MatchesHand()
    {
        // f = a0·a1·a2: H = [[0, a2, a1], [a2, 0, a0], [a1, a0, 0]].
        double a0 = 1.1, a1 = -0.6, a2 = 1.9;
        Check("SpanParam", new[] { a0, a1, a2 }, new[] { 0, a2, a1, a2, 0, a0, a1, a0, 0 }, HessianChecks.Double);
    }

    [Fact]
    public void FloatSlice_MatchesHand()
    {
        // f = a1²·a2·a0: H = [[0, 2a1a2, a1²], [2a1a2, 2a0a2, 2a0a1], [a1², 2a0a1, 0]].
        double a0 = 1.25, a1 = -0.75, a2 = 1.5;
        Check("FloatSlice", new[] { a0, a1, a2 }, new[]
        {
            0, 2 * a1 * a2, a1 * a1,
            2 * a1 * a2, 2 * a0 * a2, 2 * a0 * a1,
            a1 * a1, 2 * a0 * a1, 0,
        }, HessianChecks.Float);
    }
}
