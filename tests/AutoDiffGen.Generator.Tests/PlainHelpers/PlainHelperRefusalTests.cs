using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PlainHelpers;

/// <summary>
/// The first rule at a plain helper's call: what its body does that cannot be differentiated in place is one ADG0004 at
/// the call, naming the helper and the inner construct (never a constant, never an error inside a helper that is fine on
/// its own); a callee that is no plain helper (another assembly's, an instance method) keeps its diagnostic as before.
/// </summary>
public class PlainHelperRefusalTests
{
    private static Diagnostic OnlyErrorAtTheCall(string helpers, string body, string call)
    {
        string source = "using System;\nusing AutoDiffGen;\n" + helpers + "\npublic static partial class Net\n{\n    [Differentiable(Forward = true, Hessian = true)]\n    public static double F(double x) => " + body + ";\n}\n";
        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.Exceptions);
        Assert.Empty(result.CompileDiagnostics); // no code for F, and nothing broken
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("Net.F", StringComparison.Ordinal));
        var error = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(call, error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        return error;
    }

    [Theory]
    [InlineData("static double G(double v) { if (v > 0) goto done; v = -v; done: return v; }", "goto")]
    [InlineData("static double G(double v) => (double)(decimal)v;", "decimal")]
    [InlineData("static int Count; static double G(double v) { Count++; return v * 2; }", "static field 'Count'")]
    [InlineData("static double G(double v) => G(v - 1) + v;", "calls itself")]
    [InlineData("static double G(double v) => Other(v) * v; static double Other(double v) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(v));", "DoubleToInt64Bits")]
    public void AnUnsupportedConstructInTheHelper_IsADG0004AtTheCall_NamingHelperAndConstruct(string helper, string construct)
    {
        var error = OnlyErrorAtTheCall("public static class H { " + helper.Replace("static double ", "internal static double ") + " }", "H.G(x) * 2", "H.G(x)");
        Assert.Equal("ADG0004", error.Id);
        string message = error.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'H.G' is not [Differentiable]", message, StringComparison.Ordinal);
        Assert.Contains(construct, message, StringComparison.Ordinal);
    }

    /// <summary>Refused until idioms14b; a value-returning helper writing its array argument is inlined since then (Idioms14b/Idioms14bTests).</summary>
    [Fact]
    public void AHelperWritingItsArrayArgument_IsInlined_ItsCallerWritingTheArray()
    {
        const string source = """
            using System;
            using AutoDiffGen;
            public static class H { public static double Scale(double[] a) { a[0] *= 2; return a[0] + a[1]; } }
            public static partial class Net { [Differentiable] public static double F(double[] x) => H.Scale(x); }
            """;
        var result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompileDiagnostics);
        var type = GeneratorHarness.CompileAndLoad(source).GetType("Net")!;
        double[] x = { 0.75, -1.5 }, dX = new double[2];
        double value = (double)type.GetMethod("FBackward")!.Invoke(null, new object[] { (double[])x.Clone(), dX, 1.0 })!;
        // f = 2 x0 + x1 (no seed on what F leaves in x): ∂f/∂x = (2, 1).
        Tolerance.AssertFormula((2 * x[0]) + x[1], value, "F value");
        Tolerance.AssertFormula(2, dX[0], "dF/dx0");
        Tolerance.AssertFormula(1, dX[1], "dF/dx1");
        // And against central differences, with seeds on the array it writes (its adjoint is in/out).
        CentralDifferenceRunner.CheckInOut(type.GetMethod("F")!, null, new object[] { x }, 7);
    }

    [Fact]
    public void APrivateMemberTheHelperReads_IsRefused_NotABrokenBuild()
    {
        var error = OnlyErrorAtTheCall("public static class H { private static readonly double Scale = 2; public static double G(double v) => Scale * v; }", "H.G(x)", "H.G(x)");
        Assert.Contains("'H.Scale', which 'Net'", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void HelpersNestedTooDeep_AreRefusedAtTheOutermostCall()
    {
        string chain = string.Concat(Enumerable.Range(0, 9).Select(i => "public static double G" + i + "(double v) => " + (i == 8 ? "v * v" : "G" + (i + 1) + "(v) + v") + "; "));
        var error = OnlyErrorAtTheCall("public static class H { " + chain + "}", "H.G0(x)", "H.G0(x)");
        Assert.Contains("nested helpers", error.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void ACalleeInAnotherAssembly_OrAnInstanceMethod_KeepsThePlainADG0004()
    {
        const string source = """
            using System;
            using AutoDiffGen;
            public class Model { public virtual double Predict(double v) => v * 3; }
            public static partial class Net
            {
                [Differentiable] public static double Library(double x, double y) => Math.BitIncrement(x) * y;
                [Differentiable] public static double Virtual(double x, [NoDiff] Model m) => m.Predict(x);
            }
            """;
        var result = GeneratorHarness.Run(source);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "ADG0004" && d.GetMessage().Contains("BitIncrement", StringComparison.Ordinal));
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "ADG0004" && d.GetMessage().Contains("Model.Predict", StringComparison.Ordinal));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.GetMessage().Contains("differentiated in place", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics);
    }
}
