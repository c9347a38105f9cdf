using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Diagnostics;

/// <summary>
/// Each rule points at the offending syntax (what an IDE underlines as you type), warnings obey
/// #pragma, and an error means no Backward rather than a wrong one.
/// </summary>
public class DiagnosticLocationTests
{
    private static string Underlined(Diagnostic d) =>
        d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    [Theory]
    [InlineData("public static class NotPartial { [Differentiable] public static double F(double x) => x * x; }", "ADG0001", "NotPartial")]
    [InlineData("public static partial class C { [Differentiable] public static double F(double x) { goto end; end: return x; } }", "ADG0002", "goto")]
    // (A try/catch whose try cannot throw is its body since 2026-12-03, Statements/TryCatchTests; a lock body and a using
    // whose resource the body does not read since idioms11, Idioms/UsingLockTests: a resource read in the body stays ADG0002.)
    [InlineData("public static partial class C { [Differentiable] public static double F(double x) { using (var m = new System.IO.MemoryStream()) { return x * m.Length; } } }", "ADG0002", "using")]
    [InlineData("public static partial class C { static int N; static double G(double v) { N++; return v; } [Differentiable] public static double F(double x) => 2 * G(x); }", "ADG0004", "G(x)")]
    [InlineData("public static partial class C { [Differentiable] public static int F(double x) => (int)x; }", "ADG0005", "int")]
    [InlineData("public static partial class C { [Differentiable] public static double F(ref double[] x) => x[0]; }", "ADG0006", "ref double[] x")]
    [InlineData("public partial class C { double _f; [Differentiable] public double F(double x) { _f = x; return x; } }", "ADG0007", "_f = x")]
    [InlineData("public static partial class C { [Differentiable] public static double F(double x) => x; public static void FBackward() { } }", "ADG0008", "FBackward")]
    [InlineData("public static partial class C { [Differentiable] public static double F<T>(double x) => x; }", "ADG0010", "F")]
    [InlineData("public static partial class C { [Differentiable] public static double F(double x) => Math.Floor(x); }", "ADG0011", "F")]
    [InlineData("public static partial class C { [Differentiable] public static double F(double x, double dX) => x * dX; }", "ADG0012", "double x")]
    [InlineData("public static partial class C { [Differentiable(Graph = true)] public static double F(double x) => x * x; public static int FGraph; }", "ADG0015", "F")]
    [InlineData("public static partial class C { [Differentiable(Graph = true)] public static double F(double x) => x * x; public static void FTrace() { } }", "ADG0015", "F")]
    public void Rule_PointsAtTheOffendingSyntax(string member, string id, string underlined)
    {
        var result = GeneratorHarness.Run("using System; using AutoDiffGen;\n" + member);
        var found = result.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.NotEmpty(found);
        Assert.Contains(underlined, found.Select(Underlined));
        Assert.All(found, d => Assert.EndsWith("docs/diagnostics/" + id + ".md", d.Descriptor.HelpLinkUri));
    }

    [Fact]
    public void RefReturn_IsNamedAsARefReturn()
    {
        // Found by the peer suite (Clad's FunctionCalls.C identity): "returns 'double'" read as though double were refused.
        // A ref return of one ref parameter or one constant element is supported (RefAliases/RefReturnTests); these name two, or a varying index.
        var result = GeneratorHarness.Run("using AutoDiffGen; public static partial class C { [Differentiable] public static ref double F(ref double x, ref double y, bool b) { if (b) return ref x; return ref y; } [Differentiable] public static ref readonly double G(double[] a, int i) => ref a[i]; }");
        var found = result.Diagnostics.Where(d => d.Id == "ADG0005").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(found, m => m.Contains("'F' returns 'ref double'", StringComparison.Ordinal));
        Assert.Contains(found, m => m.Contains("'G' returns 'ref readonly double'", StringComparison.Ordinal));
        Assert.All(found, m => Assert.Contains("a ref return must name, at every return, one ref parameter", m, StringComparison.Ordinal));
        Assert.Empty(result.Generated);
    }

    [Fact]
    public void Errors_MeanNoBackward_WarningsStillGenerate()
    {
        var error = GeneratorHarness.Run("using AutoDiffGen; public static partial class C { [Differentiable] public static double F(double x) { using (var m = new System.IO.MemoryStream()) { return x * m.Length; } } }");
        Assert.Empty(error.Generated);
        var warning = GeneratorHarness.Run("using System; using AutoDiffGen; public static partial class C { [Differentiable] public static double F(double x) => Math.Floor(x); }");
        Assert.Single(warning.Generated);
    }

    [Fact]
    public void ZeroDerivativeWarning_ObeysPragma()
    {
        const string source = """
            using System;
            using AutoDiffGen;
            public static partial class C
            {
            #pragma warning disable ADG0011
                [Differentiable] public static double F(double x) => Math.Floor(x);
            #pragma warning restore ADG0011
                [Differentiable] public static double G(double x) => Math.Round(x);
            }
            """;
        var result = GeneratorHarness.Run(source);
        var active = result.GeneratorDiagnostics.Where(d => d.Id == "ADG0011" && !d.IsSuppressed).ToList();
        Assert.Equal("G", Underlined(Assert.Single(active)));
    }
}
