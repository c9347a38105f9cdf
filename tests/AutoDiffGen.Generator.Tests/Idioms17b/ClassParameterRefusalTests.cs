using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms17b;

/// <summary>
/// What <c>[WithRespectTo]</c> refuses, each at the construct with what to write and no code: a member of the class that
/// gets no gradient in dP (a computing getter, an array, a member of another class, a virtual member, a string, a method
/// of a class whose objects may change), writing a member, using the object whole, a call to such a method from
/// [Differentiable] code, Hessian mode, and the attribute where it cannot give an adjoint (ADG0006).
/// </summary>
public class ClassParameterRefusalTests
{
    private const string Prelude = """
        #nullable enable
        using System;
        using AutoDiffGen;

        public record DecayParams(double Amplitude, double Rate, double Offset);
        public class Holder { public double A; }
        public class Rich
        {
            public double A;
            public double B { get; set; }
            public double Computed => A * B;
            public double rate;
            public double Rate => rate;
            public double[] W = new double[2];
            public Holder H = new Holder();
            public virtual double V { get; set; }
            public string Name = "r";
            public double Twice() => 2 * A;
        }
        public class Fixed { public double K { get; } public Fixed(double k) { K = k; } }
        public class Hid { private double _k; public double K => _k; public void Set(double k) => _k = k; }

        public static partial class C
        {

        """;

    private static string Of(string method) => Prelude + "    " + method + "\n}\n";

    [Theory]
    [InlineData("[Differentiable] public static double F([WithRespectTo] Rich r, double x) => r.Computed * x;", "r.Computed", "whose getter computes its value")]
    [InlineData("[Differentiable] public static double F([WithRespectTo] Rich r, double x) => r.W[0] * x;", "r.W", "pass the array as a double[] parameter of its own")]
    [InlineData("[Differentiable] public static double F([WithRespectTo] Rich r, double x) => r.H.A * x;", "r.H", "of the class 'Holder', which gets no gradient in dP")]
    [InlineData("[Differentiable] public static double F([WithRespectTo] Rich r, double x) => r.V * x;", "r.V", "its virtual member 'V'")]
    [InlineData("[Differentiable] public static double F([WithRespectTo] Rich r, double x) => r.Name.Length * x * r.A;", "r.Name", "of type 'string'")]
    [InlineData("[Differentiable] public static double F([WithRespectTo] Rich r, double x) => r.Twice() * x;", "r.Twice()", "the result of its method 'Twice'")]
    public void AMemberWithoutAGradient_IsADG0003AtTheRead(string method, string at, string says) =>
        ProgramBatch.AssertSingleErrorAt(Of(method), "ADG0003", at, says);

    [Fact]
    public void WritingAMember_IsADG0007AtTheWrite() =>
        ProgramBatch.AssertSingleErrorAt(Of("[Differentiable] public static double F([WithRespectTo] Rich r, double x) { r.A = x; return r.A * x; }"), "ADG0007", "r.A = x", "after it was created");

    [Theory]
    [InlineData("[Differentiable] public static double F([WithRespectTo] Rich r, double x) => Helper(r) * x; static double Helper(Rich r) => r.A;", "Helper(r)", "passed to the parameter 'r' of 'Helper'")]
    [InlineData("[Differentiable] public static double F([WithRespectTo] Rich r, double x) => r == null ? 0 : r.A * x;", "r == null", "")]
    public void UsingTheObjectWhole_IsADG0003AtIt(string method, string at, string says)
    {
        var source = Of(method);
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0003", error.Id);
        Assert.Equal(source.IndexOf(at, StringComparison.Ordinal), error.Location.SourceSpan.Start);
        Assert.Contains(says, error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }

    [Fact]
    public void ACallToAMethodWithAClassInput_PassedAnotherObject_IsADG0003AtTheArgument()
    {
        var source = Of("""
            [Differentiable] public static double F(double x) => Callee(new DecayParams(1, 2, 3), x);
                [Differentiable] public static double Callee([WithRespectTo] DecayParams p, double x) => p.Rate * x;
            """);
        var run = GeneratorHarness.Run(source);
        var error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0003", error.Id);
        Assert.Equal(source.IndexOf("new DecayParams(1, 2, 3)", StringComparison.Ordinal), error.Location.SourceSpan.Start);
        Assert.Contains("call CalleeBackward yourself", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        // The callee itself generates, and its Backward takes ref DecayParams dP.
        Assert.Contains(run.Generated.Values, s => s.Contains("CalleeBackward(global::DecayParams p, double x, ref global::DecayParams dP", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains(" FBackward(", StringComparison.Ordinal));
    }

    [Fact]
    public void HessianMode_OnTheSecondOrderPath_IsADG0019AtTheParameter_Once() =>
        // Since idioms19 the members are numbered among MHessian's scalars (Idioms19/ClassHessianTests); a float[] in a double
        // method keeps the second-order path, which has no class members.
        ProgramBatch.AssertSingleErrorAt(Of("[Differentiable(Hessian = true)] public static double F([WithRespectTo] DecayParams p, float[] v) => p.Rate * v[0];"),
            "ADG0019", "[WithRespectTo] DecayParams p", "which numbers no class members");

    [Theory]
    [InlineData("[Differentiable] public static double F([WithRespectTo][NoDiff] DecayParams p, double x) => p.Rate * x;", "[WithRespectTo][NoDiff] DecayParams p", "marked both [WithRespectTo] and [NoDiff]")]
    [InlineData("[Differentiable] public static double F([WithRespectTo] double y, double x) => y * x;", "[WithRespectTo] double y", "which is for class parameters")]
    [InlineData("[Differentiable] public static double F([WithRespectTo] Hid k, double x) => k.K * x;", "[WithRespectTo] Hid k", "make '_k' settable")]
    [InlineData("[Differentiable] public static double F([WithRespectTo] Holder? h = null, double x = 1) => x;", "[WithRespectTo] Holder? h = null", "with a default value")]
    [InlineData("[Differentiable] public static double F([WithRespectTo] Holder? h, double x) => h!.A * x;", "[WithRespectTo] Holder? h", "declared nullable")]
    public void TheAttributeWhereItGivesNoAdjoint_IsADG0006AtTheParameter(string method, string at, string says)
    {
        var source = Of(method);
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var error = Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0006", error.Id);
        Assert.Equal(source.IndexOf(at, StringComparison.Ordinal), error.Location.SourceSpan.Start);
        Assert.Contains(says, error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }
}
