using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms17a;

/// <summary>
/// Idioms17a just outside: a swap whose arrays may differ in length or whose old array something still holds (a span, a
/// second name, a foreach, a ref to an element, a lambda), a copy of structs within one array or into a parameter, a clone
/// of a computed grid: one error at the construct, saying why, and no code. (Exchanging contents instead of references is
/// right only where nobody can tell them apart; these are the places where one could.)
/// </summary>
public class CopySwapRefusalTests
{
    private const string Header = """
        using System;
        using AutoDiffGen;
        public struct Q2 { public double X; public double Y; public Q2(double x, double y) { X = x; Y = y; } }
        public static partial class G
        {

        """;

    [Theory]
    [InlineData("double F(double x, int n) { var a = new double[] { x, x }; var b = new double[n]; (a, b) = (b, a); return a[0] + b[0]; }",
        "(a, b) = (b, a)", "lengths are not provably the same")]
    [InlineData("double F(double[] u, double[] w) { var a = (double[])u.Clone(); var b = (double[])w.Clone(); (a, b) = (b, a); return a[0]; }",
        "(a, b) = (b, a)", "lengths are not provably the same")]
    [InlineData("double F(double x) { var a = new double[] { x, x }; var b = new double[2]; ReadOnlySpan<double> s = a; (a, b) = (b, a); return s[0] * a[1]; }",
        "(a, b) = (b, a)", "'a' is used as a whole")]
    [InlineData("double F(double x) { var a = new double[] { x, x }; var b = new double[2]; double r = 0; foreach (var v in a) { r += v; (a, b) = (b, a); } return r + a[0]; }",
        "(a, b) = (b, a)", "'a' is used as a whole")]
    [InlineData("double F(double x) { var a = new double[] { x, x }; var b = new double[2]; ref double e = ref a[0]; (a, b) = (b, a); e += x; return a[0] * b[0]; }",
        "(a, b) = (b, a)", "'a' is used as a whole")]
    [InlineData("double F(double x) { var a = new double[] { x, x }; var b = new double[2]; Func<double> f = () => a[0]; (a, b) = (b, a); return f() * x; }",
        "(a, b) = (b, a)", "'a' is used as a whole")]
    public void ASwapNobodyCouldTellFromAnExchangeOfContents_IsRequired(string method, string at, string says)
    {
        var run = GeneratorHarness.Run(Header + "    [Differentiable] public static " + method + "\n}\n");
        Assert.Empty(run.Exceptions);
        var source = Header + "    [Differentiable] public static " + method + "\n}\n";
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, d => d.Location.SourceSpan.Start == source.IndexOf(at, StringComparison.Ordinal)
            && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(says, StringComparison.Ordinal));
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }

    [Fact]
    public void AStructCopyWithinOneArray_IsOneErrorAtTheCall()
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static double F(double x) { var p = new Q2[2]; p[0] = new Q2(x, x); Array.Copy(p, 0, p, 1, 1); return p[1].X; }\n}\n",
            "ADG0003", "Array.Copy(p, 0, p, 1, 1)", "A copy within one array of structs");
    }

    [Fact]
    public void AStructCopyIntoAParameter_IsAnErrorAtTheStatement()
    {
        string source = Header + "    [Differentiable] public static double F(Q2[] p, double x) { var q = new Q2[2]; q[0] = new Q2(x, x); Array.Copy(q, p, 1); return p[0].X; }\n}\n";
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "ADG0002" && d.Location.SourceSpan.Start == source.IndexOf("Array.Copy(q, p, 1);", StringComparison.Ordinal)
            && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("Copying an array of structs", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }

    [Fact]
    public void ASwapInAHessianMethod_IsFollowed_ByHand()
    {
        // ADG0019 until hess23 (a local array written by a copy); the swap's three copies are followed by the product since then.
        // a = (x, y), b = (xy, 0); swapped: a = (xy, 0), b = (x, y); f = a0·b1 = x·y²: H = [[0, 2y], [2y, 2x]].
        string source = Header + "    [Differentiable(Hessian = true)] public static double F(double x, double y) { var a = new double[] { x, y }; var b = new double[2]; b[0] = a[0] * a[1]; (a, b) = (b, a); return a[0] * b[1]; }\n"
            + "    public static double FH(double[] p, double[] h) => FHessian(p[0], p[1], h);\n"
            + "    public static double FV(double[] p, double[] v, double[] hv) => FHessianVector(p[0], p[1], v, hv);\n"
            + "    public static void FG(double[] p, double[] g) { double dx = 0, dy = 0; FBackward(p[0], p[1], ref dx, ref dy); g[0] = dx; g[1] = dy; }\n}\n";
        var type = GeneratorHarness.CompileAndLoad(source).GetType("G", throwOnError: true)!;
        T M<T>(string name) where T : System.Delegate => type.GetMethod(name)!.CreateDelegate<T>();
        foreach (var (x, y) in new[] { (0.7, -1.3), (-0.45, 0.8) })
        {
            Hessians.HessianChecks.Check("swap", M<System.Func<double[], double[], double>>("FH"), M<System.Func<double[], double[], double[], double>>("FV"),
                M<System.Action<double[], double[]>>("FG"), new[] { x, y }, new[] { 0, 2 * y, 2 * y, 2 * x }, Hessians.HessianChecks.Double);
        }
    }
}
