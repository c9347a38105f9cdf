using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// What stays an error around double[,] and jagged arrays, each at the offending code with what to write instead:
/// writes into them, local ones, a jagged row taken on its own, foreach over them, passing one to a callee, members
/// other than their shape, and arrays of three dimensions. None is taken as a constant; none breaks the build.
/// </summary>
public class GridDiagnosticTests
{
    private const string Prelude = """
        using System;
        using System.Linq;
        using AutoDiffGen;
        public static partial class C
        {
            [Differentiable] public static double Callee(double[,] a) => a[0, 0] * a[1, 1];
            [Differentiable] public static double CalleeJagged(double[][] a) => a[0][0];
            [Differentiable] public static void ScaleRow(double[] r, double k) { r[0] *= k; }
            [Differentiable] public static double Callee2(double[][] a) => a[0][0] * a[1][0];
        """;

    private static GeneratorOutput Run(string member) => GeneratorHarness.Run(Prelude + member + "\n}");

    [Theory]
    // Writes into a jagged parameter (double[,] parameters may be written: Matrices/MatrixWriteTests), and forms no array takes.
    // Returning a double beside the written grid has an in/out tangent since 2026-12-03, second session (Forward/ValueAndArrayForwardTests); a struct has none.
    [InlineData("[Differentiable(Forward = true)] public static System.Numerics.Vector2 F(float[,] a) { a[0, 0] *= 2; return new System.Numerics.Vector2(a[0, 0], 1); }", "ADG0018", "float[,] a", "writes into it")]
    // (A double[,] parameter written in Hessian mode is supported since hess13: Hessians/HessianLoopWritesTests checks it by hand.)
    [InlineData("[Differentiable] public static double F(double[][] a) { a[0][1] = 2; return a[0][1]; }", "ADG0007", "a[0][1] = 2", "jagged parameter")]
    [InlineData("[Differentiable] public static double F(double[][] a, double x) { a[0] = new double[1]; return a[0][0] * x; }", "ADG0007", "a[0] = new double[1]", "jagged parameter")]
    // MJacobian flattens 1-D adjoints only (it wrote code that did not compile for a grid).
    [InlineData("[Differentiable(Jacobian = true)] public static (double, double) F(double[,] a, double x) => (a[0, 0] * x, a[0, 1]);", "ADG0003", "F", "the double[,] or jagged parameter 'a'")]
    [InlineData("[Differentiable(Jacobian = true)] public static (double, double) F(double[][] a, double x) => (Callee2(a) * x, a[0][1]);", "ADG0003", "F", "the double[,] or jagged parameter 'a'")]
    // Local grids.
    // Local jagged arrays are supported when made as new double[n][] outside loops with new rows (Arrays/JaggedLocalTests).
    [InlineData("[Differentiable] public static double F(double x) { double s = 0; for (int i = 0; i < 2; i++) { var m = new double[2][]; m[0] = new double[2]; m[0][1] = x; s += m[0][1]; } return s; }", "ADG0003", "new double[2][]", "created inside a loop")]
    [InlineData("[Differentiable] public static double F(double x) { var m = new double[2][]; var r = new double[2]; m[0] = r; m[0][1] = x; return m[0][1] * x; }", "ADG0003", "r", "set to anything but a new array")]
    [InlineData("[Differentiable] public static double F(double[][] a, double x) { var m = a; return m[0][0] * x; }", "ADG0003", "a", "not created as 'new double[n][]'")]
    [InlineData("[Differentiable] public static double F(double[,] a) { var m = a; return m[0, 0]; }", "ADG0003", "a", "not created as 'new T[n, k]'")]
    // (A double[,] made in a loop is supported since idioms15b: Idioms15b/Idioms15bTests.FormerlyRefused checks this form by hand.)
    [InlineData("[Differentiable] public static double F(double x) { var m = new double[2, 2]; m[0, 0] = x; var k = new double[2, 2]; k = m; return k[0, 0]; }", "ADG0003", "", "")]
    // A jagged row on its own, and foreach. (A row local read only as r[j], r.Length or by foreach is supported since
    // natural16: Natural16/RowLocalTests; passed on whole, as to LINQ here, it is not.)
    [InlineData("[Differentiable] public static double F(double[][] a) { var r = a[0]; return r.Sum(); }", "ADG0003", "a[0]", "a[0][j]")]
    [InlineData("[Differentiable] public static double F(double[][] a) { double[] r = a[1]; return r.Max(); }", "ADG0003", "a[1]", "a[1][j]")]
    // (LINQ over a row of a jagged parameter, a[0].Sum(), is supported since idioms17c: Idioms17c/ZipPairTests; Skip over it is not.)
    [InlineData("[Differentiable] public static double F(double[][] a) => a[0].Skip(1).Sum();", "ADG0003", "", "")]
    // (foreach (var r in a) s += r[0]; is supported since idioms12: Idioms12/Idioms12Tests. A row named again is not.)
    [InlineData("[Differentiable] public static double F(double[][] a) { double s = 0; foreach (var r in a) { var t = r; s += t[0]; } return s; }", "ADG0002", "", "a.Length and a[i].Length")]
    // (foreach over a double[,] runs in row-major order since idioms11: Arrays/GridForEachTests.)
    [InlineData("[Differentiable] public static double F(int[,] k, double x) { double s = 0; foreach (var v in k) s += v * x; return s; }", "ADG0002", "", "k[i, j]")]
    // Passing a grid to a callee is supported (Matrices/MatrixCallTests); a jagged row to a callee that writes into it, or
    // a row of anything but a jagged parameter, is not.
    [InlineData("[Differentiable] public static double F(double[][] a, double k) { ScaleRow(a[0], k); return a[0][0]; }", "ADG0003", "a[0]", "passed as anything but a local array or an array parameter")]
    [InlineData("[Differentiable] public static double F(double[][] a) { double[][] b = a; return CalleeJagged(b); }", "ADG0003", "a", "")]
    // Members other than the shape.
    [InlineData("[Differentiable] public static double F(double[,] a) => (double)a.GetValue(0, 0)!;", "ADG0016", "", "")]
    [InlineData("[Differentiable] public static double F(double[,] a) => a.Cast<double>().Sum();", "ADG0003", "", "")]
    // Three dimensions, and grids of grids.
    [InlineData("[Differentiable] public static double F(double[,,] a) => a[0, 0, 0];", "ADG0006", "double[,,] a", "cannot differentiate yet")]
    [InlineData("[Differentiable] public static double F(double[][][] a) => a[0][0][0];", "ADG0006", "double[][][] a", "cannot differentiate yet")]
    public void Unsupported_IsAnError_AtTheConstruct(string member, string id, string span, string says)
    {
        var result = Run(member);
        var found = result.Diagnostics.Where(d => d.Id == id || span.Length == 0 && says.Length == 0 && d.Id.StartsWith("ADG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(found.Count > 0, "expected " + id + "\n" + result.Dump());
        if (span.Length > 0) Assert.Contains(found, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.Contains(found, d => d.GetMessage().Contains(says, StringComparison.Ordinal));
        Assert.All(found, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        // No Backward for F, and nothing that breaks the build.
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.Exceptions);
    }

    [Fact]
    public void NoDiffGridsAndIntGrids_AreConstants_AndTheRestIsDifferentiated()
    {
        var assembly = GeneratorHarness.CompileAndLoad(Prelude + """
            [Differentiable] public static double F([NoDiff] double[,] k, [NoDiff] float[][] j, int[,] idx, double x)
            {
                double s = 0;
                for (int c = 0; c < j[0].Length; c++) s += j[0][c] * x;
                for (int r = 0; r < idx.GetLength(0); r++) s += k[idx[r, 0], idx[r, 1]] * x * x;
                return s + k.Length + j.Length;
            }
            }
            """);
        var f = assembly.GetType("C")!.GetMethod("F")!;
        var k = new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } };
        var j = new[] { new[] { 0.5f, 0.25f } };
        var idx = new[,] { { 0, 1 }, { 1, 0 } };
        var result = CentralDifferenceRunner.Check(f, null, new object[] { k, j, idx, 0.7 });
        // d/dx = Σ j[0] + 2 x (k[0, 1] + k[1, 0]).
        Tolerance.AssertFormula(0.75 + 2 * 0.7 * 5, result.Gradient[3]![0], "dx");
        Assert.Equal(new[] { typeof(double[,]), typeof(float[][]), typeof(int[,]), typeof(double), typeof(double).MakeByRefType(), typeof(double) },
            assembly.GetType("C")!.GetMethod("FBackward")!.GetParameters().Select(p => p.ParameterType));
    }
}
