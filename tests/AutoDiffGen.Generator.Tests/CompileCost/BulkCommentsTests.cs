using System.Reflection;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.CompileCost;

/// <summary>
/// Issue 12 (size12): <c>MForward</c>, <c>MHessianVector</c>, <c>MBackwardTangent</c> and <c>MHessian</c> carry no per-gate
/// and no sweep comments, as <c>MBackward</c> has not since the first size session: they were 6.8 % of a corpus of
/// 1,000 methods with <c>Forward = true, Hessian = true</c> (docs/performance.md). The trace of <c>Graph = true</c> still
/// names each gate and its rule. The comment-free code is the working code: it compiles warning-free, and the
/// Hessian, H·v and the tangent of a method that calls another class's method (through its <c>MBackwardTangent</c>)
/// are the hand-derived ones and agree with central differences.
/// </summary>
public class BulkCommentsTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace Bulk;

        public static partial class Other
        {
            [Differentiable(Hessian = true)] public static double Sq(double a, double b) => a * a * b + Math.Sin(a);
        }

        public static partial class M
        {
            [Differentiable(Forward = true, Hessian = true, Graph = true)]
            public static double F(double x, double y) => Math.Sin(x * y) + Other.Sq(x, y) * y;

            public static double FH(double[] p, double[] h) => FHessian(p[0], p[1], h);
            public static double FV(double[] p, double[] v, double[] hv) => FHessianVector(p[0], p[1], v, hv);
            public static double FT(double[] p, double[] t, out double tResult) => FForward(p[0], p[1], t[0], t[1], out tResult);
            public static void FG(double[] p, double[] g) { double a = 0, b = 0; FBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }
        }
        """;

    /// <summary>A gate's comment as the program writes it (<c>// prod: mul gate: swap</c>), or a sweep's.</summary>
    private static readonly Regex BulkComment = new(@"^\s*// (\w+(\[\w+\])?: .*gate: |forward sweep|reverse sweep)", RegexOptions.Multiline);

    [Fact]
    public void Forward_and_Hessian_methods_carry_no_gate_or_sweep_comments_and_the_trace_still_does()
    {
        var result = GeneratorHarness.Run(Source);
        Assert.Empty(result.StrictDiagnostics());
        var methods = result.Generated.Where(g => !g.Value.Contains("GraphTrace", StringComparison.Ordinal)).ToList();
        // F's file (MBackward, MForward, MHessian, MHessianVector, MBackwardTangent) and Sq's, each with its products.
        Assert.Contains(methods, g => g.Value.Contains("FHessianVector(", StringComparison.Ordinal) && g.Value.Contains("FForward(", StringComparison.Ordinal)
                                      && g.Value.Contains("FBackwardTangent(", StringComparison.Ordinal));
        Assert.Contains(methods, g => g.Value.Contains("SqBackwardTangent(", StringComparison.Ordinal));
        foreach (var (hint, text) in methods) Assert.False(BulkComment.IsMatch(text), hint + ":\n" + text);
        // The trace is where each gate's rule is read (docs/how-it-works.md).
        var trace = Assert.Single(result.Generated, g => g.Value.Contains("GraphTrace", StringComparison.Ordinal)).Value;
        Assert.Matches(BulkComment, trace);
    }

    [Theory]
    [InlineData(0.7, -0.4)]
    [InlineData(-1.3, 0.9)]
    [InlineData(2.1, 1.7)]
    public void The_comment_free_products_are_the_hand_derived_ones(double x, double y)
    {
        var type = GeneratorHarness.CompileAndLoad(Source).GetType("Bulk.M", throwOnError: true)!;
        object? Call(string name, params object?[] args) => type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, args);
        var p = new[] { x, y };

        // f = sin(xy) + (x²y + sin x)·y = sin(xy) + x²y² + y·sin x, by hand.
        double s = Math.Sin(x * y), c = Math.Cos(x * y);
        double f = s + x * x * y * y + y * Math.Sin(x);
        double fx = y * c + 2 * x * y * y + y * Math.Cos(x), fy = x * c + 2 * x * x * y + Math.Sin(x);
        double hxx = -y * y * s + 2 * y * y - y * Math.Sin(x);
        double hxy = c - x * y * s + 4 * x * y + Math.Cos(x);
        double hyy = -x * x * s + 2 * x * x;

        var h = new double[4];
        Assert.Equal(f, (double)Call("FH", p, h)!, 12);
        Assert.Equal(hxx, h[0], 10);
        Assert.Equal(hxy, h[1], 10);
        Assert.Equal(hxy, h[2], 10);
        Assert.Equal(hyy, h[3], 10);

        var v = new[] { 0.3, -1.1 };
        var hv = new double[2];
        Call("FV", p, v, hv);
        Assert.Equal(hxx * v[0] + hxy * v[1], hv[0], 10);
        Assert.Equal(hxy * v[0] + hyy * v[1], hv[1], 10);

        var args = new object?[] { p, v, null };
        Assert.Equal(f, (double)Call("FT", args)!, 12);
        Assert.Equal(fx * v[0] + fy * v[1], (double)args[2]!, 10);

        // Central differences: of the gradient for the Hessian's rows, of the value for the tangent.
        const double e = 1e-6;
        double[] Gradient(double[] at) { var g = new double[2]; Call("FG", at, g); return g; }
        for (int k = 0; k < 2; k++)
        {
            var up = (double[])p.Clone(); up[k] += e;
            var down = (double[])p.Clone(); down[k] -= e;
            var (gu, gd) = (Gradient(up), Gradient(down));
            for (int j = 0; j < 2; j++) Assert.Equal((gu[j] - gd[j]) / (2 * e), h[k * 2 + j], 5);
        }
        double Value(double[] at) { var o = new object?[] { at, new[] { 0.0, 0.0 }, null }; return (double)Call("FT", o)!; }
        var (pu, pd) = (new[] { x + e * v[0], y + e * v[1] }, new[] { x - e * v[0], y - e * v[1] });
        Assert.Equal((Value(pu) - Value(pd)) / (2 * e), (double)args[2]!, 5);
    }
}
