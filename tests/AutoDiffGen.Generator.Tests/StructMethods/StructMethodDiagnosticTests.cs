using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.StructMethods;

/// <summary>
/// Calls to struct instance methods that stay errors: each an ADG diagnostic at the call that says what to write, no
/// generated caller, and nothing that breaks the build.
/// </summary>
public class StructMethodDiagnosticTests
{
    private const string Prelude = """
        using System;
        using AutoDiffGen;
        public partial struct V2
        {
            public double X;
            public double Y;
            [Differentiable(WithRespectToThis = true)] public double Norm() => Math.Sqrt(X * X + Y * Y);
            [Differentiable] public double Plain() => X * X;
            public double NotDifferentiable() => X * Y;
            public double Grow() { X += 1; return X * Y; }
            public double TwoSteps() { double t = X * Y; again: t *= 0.5; if (t > 1) goto again; return t; }
        }
        public partial struct VK
        {
            public double X;
            [NoDiff] public double K;
            [Differentiable(WithRespectToThis = true)] public double Scaled() => K * X;
        }
        public readonly record struct R(double X, double Y)
        {
            public double Sum() => X + Y;
            public double Long<T>() { double t = X; return t + Y; }
        }
        public static partial class C
        {
        """;

    [Theory]
    // A method that writes its own struct's members (a [Differentiable] one without the opt-in, p.Plain(), is inlined: MemberCallTests).
    // (p.Grow(), a method writing its struct's members with its value read, is supported since objects6: Objects/MutatingValueTests.OnAParameter.)
    // A method that is not [Differentiable] is inlined (InlinedMethodTests, Statements/InlinedBodyTests), unless its body has a goto.
    [InlineData("[Differentiable] public static double F(V2 p) => p.TwoSteps();", "ADG0003", "p.TwoSteps()", "whose body has a goto")]
    // A [NoDiff] member is a constant of the callee: a varied value there would lose its gradient.
    // (a struct parameter's every member carries a gradient, K too).
    [InlineData("[Differentiable] public static double F(double x) { var p = new VK { X = 1, K = x }; return p.Scaled(); }", "ADG0003", "p.Scaled()", "[NoDiff] member 'K'")]
    [InlineData("[Differentiable] public static double F(VK p) => p.Scaled();", "ADG0003", "p.Scaled()", "[NoDiff] member 'K'")]
    // Forward and Hessian mode inline an opted-in callee (p.Norm() is right there since modes6: StructMethods/WithRespectToThisModesTests),
    // but not one whose [NoDiff] member makes its derivative differ from its body's: the callee has no MForward with respect to its struct.
    [InlineData("[Differentiable(Forward = true)] public static double F(double x) { var p = new VK { X = x, K = 3 }; return p.Scaled(); }", "ADG0018", "p.Scaled()", "WithRespectToThis")]
    // Second order through that call is not defined.
    [InlineData("[Differentiable(Hessian = true)] public static double F(double x) { var p = new VK { X = x, K = 3 }; return p.Scaled(); }", "ADG0019", "p.Scaled()", "")]
    // A readonly record struct cannot receive its adjoint (dThis) member by member: the message names the forms that work.
    [InlineData("[Differentiable] public static double F(double x) => new R(x, 1).Long<int>();", "ADG0003", "new R(x, 1).Long<int>()", "so that its body is inlined where it is called")]
    public void Unsupported_IsAnError_AtTheCall(string member, string id, string span, string says)
    {
        var result = GeneratorHarness.Run(Prelude + member + "\n}");
        var found = result.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(found.Count > 0, "expected " + id + "\n" + result.Dump());
        Assert.Contains(found, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span);
        Assert.Contains(found, d => d.GetMessage().Contains(says, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.Exceptions);
    }

    [Fact]
    public void TheSameCalls_WithTheOptIn_AreClean()
    {
        var result = GeneratorHarness.Run(Prelude + """
            [Differentiable] public static double F(V2 p) => p.Norm();
            [Differentiable] public static double G(double x) { var p = new VK { X = x, K = 3 }; return p.Scaled(); }
            }
            """);
        result.AssertClean();
    }
}
