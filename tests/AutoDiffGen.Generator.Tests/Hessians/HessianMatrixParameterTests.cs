using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// <c>MHessian</c> and <c>MHessianVector</c> of methods with <c>double[,]</c> parameters (issue 14, modes4): a matrix's
/// elements are differentiable scalars row-major (a[0, 0], a[0, 1], …, a[1, 0], …), among the others in parameter order.
/// Checked by hand (b·Σa²ᵢⱼ + a₀₁a₁₀ over a 2 × 3 matrix, so that rows and columns cannot be swapped unnoticed; log det of
/// a 2 × 2 matrix: ∇²D/D − ∇D∇Dᵀ/D²), against central differences of <c>MBackward</c>'s gradient, H·v = H v, a float
/// method in float, and what stays ADG0019 at the parameter.
/// </summary>
public class HessianMatrixParameterTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace HessMatrix;

        public static partial class M
        {
            [Differentiable(Hessian = true)]
            public static double Frob(double[,] a, double b)
            {
                double s = 0;
                for (int i = 0; i < a.GetLength(0); i++)
                    for (int j = 0; j < a.GetLength(1); j++) s += a[i, j] * a[i, j];
                return b * s + a[0, 1] * a[1, 0];
            }
            public static double[,] M23(double[] p) => new double[,] { { p[0], p[1], p[2] }, { p[3], p[4], p[5] } };
            public static double FrobH(double[] p, double[] h) => FrobHessian(M23(p), p[6], h);
            public static double FrobV(double[] p, double[] v, double[] hv) => FrobHessianVector(M23(p), p[6], v, hv);
            public static void FrobG(double[] p, double[] g)
            {
                var d = new double[2, 3];
                double db = 0;
                FrobBackward(M23(p), p[6], d, ref db);
                for (int k = 0; k < 6; k++) g[k] = d[k / 3, k % 3];
                g[6] = db;
            }

            // A scalar before the matrix: the matrix's block starts at 1.
            [Differentiable(Hessian = true)]
            public static double LogDet(double x, double[,] a) => x * x * Math.Log(a[0, 0] * a[1, 1] - a[0, 1] * a[1, 0]);
            public static double[,] M22(double[] p) => new double[,] { { p[1], p[2] }, { p[3], p[4] } };
            public static double LogDetH(double[] p, double[] h) => LogDetHessian(p[0], M22(p), h);
            public static double LogDetV(double[] p, double[] v, double[] hv) => LogDetHessianVector(p[0], M22(p), v, hv);
            public static void LogDetG(double[] p, double[] g)
            {
                var d = new double[2, 2];
                double dx = 0;
                LogDetBackward(p[0], M22(p), ref dx, d);
                g[0] = dx;
                for (int k = 0; k < 4; k++) g[1 + k] = d[k / 2, k % 2];
            }

            [Differentiable(Hessian = true)]
            public static float FrobF(float[,] a, float b)
            {
                float s = 0;
                for (int i = 0; i < a.GetLength(0); i++)
                    for (int j = 0; j < a.GetLength(1); j++) s += a[i, j] * a[i, j];
                return b * s + a[0, 1] * a[1, 0];
            }
            public static double FrobFH(double[] p, double[] h)
            {
                var a = new float[,] { { (float)p[0], (float)p[1], (float)p[2] }, { (float)p[3], (float)p[4], (float)p[5] } };
                var single = new float[h.Length];
                float value = FrobFHessian(a, (float)p[6], single);
                for (int k = 0; k < h.Length; k++) h[k] = single[k];
                return value;
            }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("HessMatrix.M", throwOnError: true)!);

    private static T Method<T>(string name) where T : Delegate =>
        Compiled.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    /// <summary>MHessian at p, after checking it overwrites (the output starts as NaN) and is exactly symmetric.</summary>
    private static double[] Run(string name, double[] p) => HessianModeTests.Symmetric(Method<Func<double[], double[], double>>(name + "H"), p);

    /// <summary>By hand: H[k,k] = 2b and H[k,6] = 2aₖ for the six elements (row-major), H[1,3] = 1 (a₀₁ a₁₀), H[6,6] = 0.</summary>
    private static double[] FrobByHand(double[] p)
    {
        var h = new double[49];
        for (int k = 0; k < 6; k++)
        {
            h[k * 7 + k] = 2 * p[6];
            h[k * 7 + 6] = h[6 * 7 + k] = 2 * p[k];
        }
        h[1 * 7 + 3] = h[3 * 7 + 1] = 1;
        return h;
    }

    [Theory]
    [InlineData(new[] { 0.5, -1.25, 2.0, 0.75, -0.3, 1.1, 1.7 })]
    [InlineData(new[] { -2.0, 0.4, 0.0, 1.5, 3.0, -0.9, -0.6 })]
    public void Frobenius_IsRowMajor_ByHandAndByCentralDifferences(double[] p)
    {
        var h = Run("Frob", p);
        HessianLocalArrayTests.AssertClose(FrobByHand(p), h, 1e-14, "b·Σa² + a01·a10 by hand");
        HessianLocalArrayTests.AssertClose(HessianModeTests.CentralHessian(Method<Action<double[], double[]>>("FrobG"), p), h, 1e-6, "vs central differences of MBackward's gradient");
        // One number: ∂²f/∂a₁₂∂b = 2·a₁₂ (entry 5 of row 6), 2.2 at the first point.
        if (p[5] == 1.1) Assert.Equal(2.2, h[6 * 7 + 5], 14);
    }

    [Theory]
    [InlineData(new[] { 1.3, 2.0, 0.5, -0.7, 1.5 })]
    [InlineData(new[] { -0.4, 0.9, -1.2, 0.3, 2.1 })]
    public void LogDeterminant_AfterAScalar_MatchesHand(double[] p)
    {
        var h = Run("LogDet", p);
        // f = x² L, L = log D, D = a00 a11 − a01 a10 over (x, a00, a01, a10, a11).
        double x = p[0], a00 = p[1], a01 = p[2], a10 = p[3], a11 = p[4];
        double d = a00 * a11 - a01 * a10;
        var gd = new[] { a11, -a10, -a01, a00 };
        var expected = new double[25];
        expected[0] = 2 * Math.Log(d);
        for (int i = 0; i < 4; i++)
        {
            expected[(1 + i) * 5] = expected[1 + i] = 2 * x * gd[i] / d;
            for (int j = 0; j < 4; j++)
            {
                // ∇²D: 1 at (a00, a11), −1 at (a01, a10).
                double second = (i, j) switch { (0, 3) or (3, 0) => 1, (1, 2) or (2, 1) => -1, _ => 0 };
                expected[(1 + i) * 5 + 1 + j] = x * x * (second / d - gd[i] * gd[j] / (d * d));
            }
        }
        HessianLocalArrayTests.AssertClose(expected, h, 1e-12, "x² log det by hand");
        HessianLocalArrayTests.AssertClose(HessianModeTests.CentralHessian(Method<Action<double[], double[]>>("LogDetG"), p), h, 1e-6, "vs central differences of MBackward's gradient");
    }

    [Theory]
    [InlineData("Frob", new[] { 0.5, -1.25, 2.0, 0.75, -0.3, 1.1, 1.7 })]
    [InlineData("LogDet", new[] { 1.3, 2.0, 0.5, -0.7, 1.5 })]
    public void HessianVector_IsTheHessianTimesTheDirection(string name, double[] p)
    {
        int n = p.Length;
        var h = Run(name, p);
        var product = Method<Func<double[], double[], double[], double>>(name + "V");
        var random = new Random(n);
        for (int k = 0; k < 3; k++)
        {
            var v = Enumerable.Range(0, n).Select(_ => Math.Round((random.NextDouble() * 4) - 2, 6)).ToArray();
            var hv = Enumerable.Repeat(double.NaN, n).ToArray();
            product(p, v, hv);
            var expected = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => h[i * n + j] * v[j])).ToArray();
            HessianLocalArrayTests.AssertClose(expected, hv, 1e-12, name + " H·v");
        }
    }

    [Fact]
    public void FloatMatrix_InAFloatMethod_MatchesHand()
    {
        var p = new[] { 0.5, -1.25, 2.0, 0.75, -0.3, 1.1, 1.7 };
        var h = Run("FrobF", p);
        HessianLocalArrayTests.AssertClose(FrobByHand(p.Select(q => (double)(float)q).ToArray()), h, 1e-6, "float by hand");
    }

    [Fact]
    public void WrongLength_Throws()
    {
        // n = 6 + 1 for a 2 × 3 matrix and a scalar.
        var e = Assert.Throws<ArgumentException>(() => Method<Func<double[], double[], double>>("FrobH")(new double[7], new double[36]));
        Assert.Equal("hessian", e.ParamName);
    }

    [Theory]
    // A float[] in a double method keeps second-order forward mode, which has no slices for a matrix.
    [InlineData("public static double F(double[,] a, float[] w) => a[0, 0] * a[0, 1] * w[0];", "double[,] a", "that carries a gradient")]
    [InlineData("public static double F(float[,] a, double b) => a[0, 0] * a[0, 1] * b;", "float[,] a", "that carries a gradient")]
    [InlineData("public static double F(double[,]? a) => a![0, 0] * a[0, 1];", "double[,]? a", "may be null")]
    // A jagged parameter is numbered row after row since hess16 (HessianJaggedTests), but not on the second-order path.
    [InlineData("public static double F(double[][] a, float[] w) => a[0][0] * a[1][0] * w[0];", "double[][] a", "second-order forward mode")]
    public void OutsideSupport_IsADG0019_AtTheParameter(string member, string span, string says)
    {
        string source = "#nullable enable\nusing AutoDiffGen;\npublic static partial class C\n{\n    [Differentiable(Hessian = true)]\n    " + member + "\n}\n";
        var run = GeneratorHarness.Run(source);
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, d => Assert.Equal("ADG0019", d.Id));
        Assert.Contains(errors, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span && d.GetMessage().Contains(says, StringComparison.Ordinal));
        Assert.DoesNotContain(run.Generated.Values, text => text.Contains("FHessian", StringComparison.Ordinal));
        GeneratorHarness.Run(source.Replace("[Differentiable(Hessian = true)]", "[Differentiable]")).AssertClean();
    }
}
