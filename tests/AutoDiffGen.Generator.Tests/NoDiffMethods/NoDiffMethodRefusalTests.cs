using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.NoDiffMethods;

/// <summary>
/// What a method-level [NoDiff] does not cover is an error at its span, never a constant and never a broken build:
/// a gradient passed to it by ref/in/out (ADG0016), [NoDiff] together with [Differentiable] (ADG0003), a
/// [DerivativeOf] of a [NoDiff] method (ADG0013). An unmarked callee with no derivative keeps ADG0004.
/// </summary>
public class NoDiffMethodRefusalTests
{
    private static Diagnostic OnlyError(string source, string id, string span)
    {
        var result = GeneratorHarness.Run("using System;\nusing AutoDiffGen;\n" + source);
        Assert.Empty(result.Exceptions);
        Assert.Empty(result.CompileDiagnostics);
        var error = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(id, error.Id);
        Assert.Equal(span, error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        return error;
    }

    [Theory]
    [InlineData("[NoDiff] public static double Bump(ref double v) { v += 1; return v; }", "H.Bump(ref x)", "ref", "v")]
    [InlineData("[NoDiff] public static double Peek(in double v) => v;", "H.Peek(in x)", "in", "v")]
    [InlineData("[NoDiff] public static double Both(double a, ref double v) { v *= a; return a; }", "H.Both(1.0, ref x)", "ref", "v")]
    public void AGradientPassedByReference_ToANoDiffMethod_IsADG0016AtTheArgument(string helper, string call, string kind, string parameter)
    {
        var error = OnlyError("public static class H { " + helper + " }\npublic static partial class Net { [Differentiable(Forward = true, Hessian = true)] public static double F(double x) { double r = " + call + "; return r * x; } }",
            "ADG0016", "x");
        string message = error.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("the " + kind + " parameter '" + parameter + "' of the [NoDiff] method 'H.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANoDiffMethodThatIsAlsoDifferentiable_IsADG0003AtItsName()
    {
        var error = OnlyError("public static partial class Net { [NoDiff, Differentiable] public static double G(double x) => x * x; }", "ADG0003", "G");
        Assert.Contains("[NoDiff] on the method 'G' itself", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void ADerivativeOfANoDiffMethod_IsADG0013AtTheAttribute()
    {
        var error = OnlyError("""
            public static partial class Net
            {
                [NoDiff] public static double G(double x) => x * x;
                [DerivativeOf(nameof(G))] public static double GBackward(double x, ref double dX, double dResult = 1) { dX += 2 * x * dResult; return x * x; }
                [Differentiable] public static double F(double x) => G(x) * x;
            }
            """, "ADG0013", "DerivativeOf(nameof(G))");
        Assert.Contains("is marked [NoDiff]", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnmarkedCalleeWithNoDerivative_KeepsADG0004_NextToANoDiffCall()
    {
        var error = OnlyError("""
            public static class H
            {
                [NoDiff] public static double Scale(double v) => 2 * v;
                public static double Opaque(double v) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(v));
            }
            public static partial class Net { [Differentiable] public static double F(double x) => H.Scale(x) * x + H.Opaque(x); }
            """, "ADG0004", "H.Opaque(x)");
        Assert.Contains("'H.Opaque'", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
