using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// A value whose tangent is the constant zero (<c>Math.CopySign(0.25, c)</c>: its derivative in c is zero away from 0 and
/// it has no other operand with a tangent) and that nothing in the Hessian–vector product reads: its tangent was declared
/// <c>double tCopysign = 0.0;</c> and never read, warning CS0219 in the generated file, an error in a build with warnings
/// as errors (found 2026-12-05 through hess16's survey; on main for <c>[Differentiable(Hessian = true)] double F(double c)
/// => Math.CopySign(0.25, c);</c>). Now dropped (<c>UnreadZeroAdjoints</c>). Checked: no compile diagnostic in any file,
/// and each Hessian by hand and by central differences of MBackward.
/// </summary>
public class HessianZeroTangentTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace HessZero;

        public struct Abc { public double A; public double B; public double C; }

        public static partial class C
        {
            [Differentiable(Hessian = true)]
            public static double F(double c) => Math.CopySign(0.25, c);

            [Differentiable(Hessian = true)]
            public static double G(Abc abc)
            {
                double b = abc.B;
                double c = abc.C;
                double u = b * 2;
                return Math.CopySign(0.25, c) + u * 0.0;
            }

            [Differentiable(Hessian = true, Forward = true)]
            public static double K(double x, double c) => x * x + Math.CopySign(0.25, c);

            [Differentiable(Hessian = true, Forward = true)]
            public static double L(double x, double c) { double s = Math.CopySign(0.25, c); return x * x * s + Math.Floor(c); }

            public static double FH(double[] p, double[] h) => FHessian(p[0], h);
            public static void FG(double[] p, double[] g) { double dc = 0; FBackward(p[0], ref dc); g[0] = dc; }
            public static double GH(double[] p, double[] h) => GHessian(new Abc { A = p[0], B = p[1], C = p[2] }, h);
            public static void GG(double[] p, double[] g) { var d = new Abc(); GBackward(new Abc { A = p[0], B = p[1], C = p[2] }, ref d); g[0] = d.A; g[1] = d.B; g[2] = d.C; }
            public static double KH(double[] p, double[] h) => KHessian(p[0], p[1], h);
            public static void KG(double[] p, double[] g) { double dx = 0, dc = 0; KBackward(p[0], p[1], ref dx, ref dc); g[0] = dx; g[1] = dc; }
            public static double LH(double[] p, double[] h) => LHessian(p[0], p[1], h);
            public static void LG(double[] p, double[] g) { double dx = 0, dc = 0; LBackward(p[0], p[1], ref dx, ref dc); g[0] = dx; g[1] = dc; }
        }
        """;

    [Theory]
    [InlineData("F", new[] { 0.7 }, new[] { 0.0 })]
    [InlineData("F", new[] { -1.3 }, new[] { 0.0 })]
    // G = copysign(0.25, c) + 2b·0: H = 0 over (A, B, C).
    [InlineData("G", new[] { 0.3, 0.8, -0.3 }, new[] { 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 })]
    // K = x² + copysign(0.25, c): H = [[2, 0], [0, 0]].
    [InlineData("K", new[] { 0.6, -0.4 }, new[] { 2.0, 0.0, 0.0, 0.0 })]
    // L = x²·s + floor(c), s = copysign(0.25, c): H = [[2s, 0], [0, 0]]; s = 0.25 at c = 0.9, −0.25 at c = −0.9.
    [InlineData("L", new[] { 1.5, 0.9 }, new[] { 0.5, 0.0, 0.0, 0.0 })]
    [InlineData("L", new[] { 1.5, -0.9 }, new[] { -0.5, 0.0, 0.0, 0.0 })]
    public void AnUnreadZeroTangent_BuildsCleanly_AndTheHessianIsRight(string name, double[] point, double[] byHand)
    {
        var run = GeneratorHarness.RunForLoad(Source);
        Assert.Empty(run.Exceptions);
        // No warning anywhere in the generated files (CS0219 was one): a warnings-as-errors build must pass.
        Assert.Empty(run.CompileDiagnostics);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        var type = GeneratorHarness.Load(run).GetType("HessZero.C", throwOnError: true)!;
        var hessian = type.GetMethod(name + "H")!.CreateDelegate<Func<double[], double[], double>>();
        var h = HessianModeTests.Symmetric(hessian, point);
        Assert.Equal(byHand.Length, h.Length);
        for (int i = 0; i < h.Length; i++) Tolerance.AssertFormula(byHand[i], h[i], name + " H[" + i + "] by hand");
        var central = HessianModeTests.CentralHessian(type.GetMethod(name + "G")!.CreateDelegate<Action<double[], double[]>>(), point);
        for (int i = 0; i < h.Length; i++) Tolerance.AssertCentral(central[i], h[i], 1 + Math.Abs(byHand[i]), name + " H[" + i + "] vs central differences");
    }
}
