using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Math.CopySign in Hessian mode. Its sign operand gets a zero adjoint; MBackward reads it, but MHessianVector keeps only
/// the adjoints' tangents, so the zero start was left unread: CS0219, a broken build under warnings-as-errors (found on
/// main d272838 with <c>Math.CopySign(x, y - x)</c>). The generated code must compile with no warning, and H·v must match
/// the Hessian derived by hand (s = sign of the sign operand, away from zero) and central differences of MBackward.
/// </summary>
public class CopySignHessianTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace CopySignH;

        public static partial class M
        {
            // s·x² + x·y, s = sign(y): H = [[2s, 1], [1, 0]].
            [Differentiable(Hessian = true)]
            public static double Plain(double x, double y) => Math.CopySign(x * x, y) + y * x;
            // s·x + x·y with s = sign(y − x): H = [[0, 1], [1, 0]].
            [Differentiable(Hessian = true)]
            public static double SignDiff(double x, double y) => Math.CopySign(x, y - x) + y * x;
            // s·x²·y with s = sign(x − y): H = [[2sy, 2sx], [2sx, 0]].
            [Differentiable(Hessian = true)]
            public static double Scaled(double x, double y) => Math.CopySign(x * x, x - y) * y;
            // 2s·x with s = sign(x − y): H = 0.
            [Differentiable(Hessian = true)]
            public static double Constant(double x, double y) => Math.CopySign(2.0, x - y) * x;
            // s·x² + s·(y − x) through a local read twice (its adjoint is read): H = [[2s, 0], [0, 0]], s = sign(y − x).
            [Differentiable(Hessian = true)]
            public static double Local(double x, double y) { double d = y - x; return Math.CopySign(x * x, d) + Math.CopySign(d, d); }

            public static double PlainV(double[] p, double[] v, double[] hv) => PlainHessianVector(p[0], p[1], v, hv);
            public static double SignDiffV(double[] p, double[] v, double[] hv) => SignDiffHessianVector(p[0], p[1], v, hv);
            public static double ScaledV(double[] p, double[] v, double[] hv) => ScaledHessianVector(p[0], p[1], v, hv);
            public static double ConstantV(double[] p, double[] v, double[] hv) => ConstantHessianVector(p[0], p[1], v, hv);
            public static double LocalV(double[] p, double[] v, double[] hv) => LocalHessianVector(p[0], p[1], v, hv);
        }
        """;

    private static readonly Lazy<GeneratorOutput> Generated = new(() => GeneratorHarness.Run(Source));

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void GeneratedCode_HasNoWarning_SoItBuildsWithWarningsAsErrors()
    {
        var run = Generated.Value;
        Assert.Empty(run.Exceptions);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.StrictDiagnostics());
    }

    public static TheoryData<string, double, double> Points => new()
    {
        { "Plain", 1.3, 0.7 }, { "Plain", -0.6, -1.1 },
        { "SignDiff", 0.4, 1.5 }, { "SignDiff", 1.2, -0.3 },
        { "Scaled", 1.4, 0.5 }, { "Scaled", -0.8, 0.9 },
        { "Constant", 0.9, 0.2 }, { "Constant", -0.5, 0.6 },
        { "Local", 0.6, 1.7 }, { "Local", 0.9, -0.4 },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void HessianVector_MatchesHandAndCentralDifferencesOfTheGradient(string name, double x, double y)
    {
        double[] hessian = ByHand(name, x, y);
        var type = Compiled.Value.GetType("CopySignH.M", throwOnError: true)!;
        var product = type.GetMethod(name + "V")!.CreateDelegate<Func<double[], double[], double[], double>>();
        var backward = new Differentiated(Compiled.Value, "CopySignH.M", name);
        foreach (var v in new[] { new[] { 1.0, 0.0 }, new[] { 0.0, 1.0 }, new[] { 0.6, -1.3 } })
        {
            var hv = new[] { double.NaN, double.NaN };
            product(new[] { x, y }, v, hv);
            const double h = 1e-6;
            var plus = backward.Backward(new[] { x + h * v[0], y + h * v[1] }).Gradient;
            var minus = backward.Backward(new[] { x - h * v[0], y - h * v[1] }).Gradient;
            for (int i = 0; i < 2; i++)
            {
                Tolerance.AssertFormula(hessian[2 * i] * v[0] + hessian[2 * i + 1] * v[1], hv[i], name + " (H·v)[" + i + "] by hand");
                Tolerance.AssertCentral((plus[i] - minus[i]) / (2 * h), hv[i], 10, name + " (H·v)[" + i + "] by central differences");
            }
        }
    }

    /// <summary>The Hessians in the source's comments, row-major.</summary>
    private static double[] ByHand(string name, double x, double y) => name switch
    {
        "Plain" => new[] { 2 * Math.Sign(y), 1.0, 1.0, 0.0 },
        "SignDiff" => new[] { 0.0, 1.0, 1.0, 0.0 },
        "Scaled" => new[] { 2.0 * Math.Sign(x - y) * y, 2.0 * Math.Sign(x - y) * x, 2.0 * Math.Sign(x - y) * x, 0.0 },
        "Constant" => new[] { 0.0, 0.0, 0.0, 0.0 },
        "Local" => new[] { 2.0 * Math.Sign(y - x), 0.0, 0.0, 0.0 },
        _ => throw new ArgumentException(name),
    };
}
