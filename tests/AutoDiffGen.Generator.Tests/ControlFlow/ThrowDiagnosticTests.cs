using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>What stays an error around throws and guards, and says so: nothing is silently dropped or reordered.</summary>
public class ThrowDiagnosticTests
{
    private static Diagnostic Only(string body, string id)
    {
        var result = GeneratorHarness.Run("using System; using AutoDiffGen; public class NotConverged : Exception { } public static partial class C { " +
            "static int seen; public static void ThrowIfBad(double x) { seen++; } " + body + " }");
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.Empty(result.Generated);
        return Assert.Single(result.GeneratorDiagnostics, d => d.Id == id);
    }

    [Fact]
    public void ALoopWhoseBodyAlwaysThrows_IsADG0002()
    {
        var d = Only("[Differentiable] public static double F(double x) { for (int i = 0; i < 3; i++) { x *= 2; throw new NotConverged(); } return x; }", "ADG0002");
        Assert.Contains("A loop whose body always throws", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Differentiable] public static double F(double x) { throw new NotSupportedException(); }")]
    [InlineData("[Differentiable] public static double F(double x) { if (x > 0) throw new ArgumentException(); else throw new NotConverged(); }")]
    public void AMethodThatAlwaysThrows_IsADG0002(string method)
    {
        var d = Only(method, "ADG0002");
        Assert.Contains("A method that always throws", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Differentiable] public static double F(double x, double[]? w) { double[] v = w ?? throw new ArgumentNullException(nameof(w)); return v[0] * x; }")]
    // Evaluated on only some paths of the expression: hoisted, it would throw where the method does not (x > 0 ? x : throw … is supported: ThrowExpressionTests).
    [InlineData("[Differentiable] public static double F(double x, bool b) { double y = b && (x > 0 ? true : throw new ArgumentException()) ? x : 1; return y * y; }")]
    public void ThrowExpressions_StayADG0003(string method)
    {
        var result = GeneratorHarness.Run("using System; using AutoDiffGen; public static partial class C { " + method + " }");
        Assert.Empty(result.Generated);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "ADG0003" && d.GetMessage().Contains("throw new", StringComparison.Ordinal));
    }

    [Fact]
    public void AVoidCallThatIsNotABclGuard_StaysADG0002()
    {
        // Named like a guard, but it has an effect (a counter): Backward would run it a second time. (A helper that provably
        // only checks is run in place: Statements/ValidationHelperTests.)
        var d = Only("[Differentiable] public static double F(double x) { ThrowIfBad(x); return x * x; }", "ADG0002");
        Assert.Contains("A call made only for its effects ('ThrowIfBad(x)')", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnExceptionItCannotWriteBack_IsADG0003_AtThatPart()
    {
        var d = Only("[Differentiable] public static double F(double x) { if (x < 0) throw new ArgumentException(\"negative\") { Source = \"F\" }; return x * x; }", "ADG0003");
        Assert.Contains("Object creation", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void AUserExceptionAndAGuardOnAnArray_Generate()
    {
        // A user-defined exception type, a guard call on an array parameter, a throw after a loop that returns.
        var result = GeneratorHarness.Run("using System; using AutoDiffGen; public class NotConverged : Exception { } public static partial class C { " +
            "[Differentiable] public static double F(double[] a, double x) { ArgumentNullException.ThrowIfNull(a); for (int i = 0; i < a.Length; i++) { x = x * a[i]; if (x > 10) return x; } throw new NotConverged(); } }");
        result.AssertClean();
        Assert.Contains("throw new global::NotConverged();", result.Single(), StringComparison.Ordinal);
        Assert.Contains("global::System.ArgumentNullException.ThrowIfNull((object)a, \"a\");", result.Single(), StringComparison.Ordinal);
    }
}
