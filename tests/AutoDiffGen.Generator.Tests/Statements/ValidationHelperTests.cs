using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// A call, as a statement, to a static void helper of the user's that provably has no effect (it only throws or
/// Debug.Asserts: <c>CheckArguments(x, y);</c>, Clad's FunctionCalls.C <c>some_important_void_func(1)</c>) runs in place
/// in the forward sweep, like a ThrowIf guard: it still throws where the method throws, and the gradient is the
/// method's. A void helper that could have an effect stays ADG0002 at the call.
/// </summary>
public class ValidationHelperTests
{
    private const string Source = """
        using System;
        using System.Diagnostics;
        using AutoDiffGen;

        public static partial class V
        {
            static void CheckArguments(double x, double y)
            {
                if (x <= 0) throw new ArgumentOutOfRangeException(nameof(x));
                if (double.IsNaN(y)) throw new ArgumentException("y is NaN");
            }

            static void Important(double y) { Debug.Assert(y >= 1); }

            [Differentiable(Forward = true, Hessian = true)]
            public static double F(double x, double y)
            {
                CheckArguments(x, y * y);
                Important(1);
                double r = Math.Log(x) * y;
                CheckArguments(r * r + 1, y);
                return r * y;                       // y² log x
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void GradientForwardAndHessianAreTheMethods()
    {
        var type = Compiled.Value.GetType("V")!;
        double x = 1.7, y = -0.6;
        var r = CentralDifferenceRunner.Check(type.GetMethod("F")!, null, [x, y]);
        Tolerance.AssertFormula(y * y / x, r.Gradient[0]![0]);
        Tolerance.AssertFormula(2 * y * Math.Log(x), r.Gradient[1]![0]);

        var forward = type.GetMethod("FForward")!;
        var args = new object?[] { x, y, 0.3, -0.7, null };
        forward.Invoke(null, args);
        Tolerance.AssertFormula(0.3 * y * y / x - 0.7 * 2 * y * Math.Log(x), (double)args[4]!);

        var hessian = new double[4];
        InvokeHessian(type, x, y, hessian);
        Tolerance.AssertFormula(-y * y / (x * x), hessian[0]);
        Tolerance.AssertFormula(2 * y / x, hessian[1]);
        Tolerance.AssertFormula(2 * y / x, hessian[2]);
        Tolerance.AssertFormula(2 * Math.Log(x), hessian[3]);
    }

    private static double InvokeHessian(Type type, double x, double y, double[] hessian)
    {
        // FHessian takes a Span<double>: called through a small delegate, as reflection cannot box a span.
        var method = type.GetMethod("FHessian")!;
        var call = (HessianCall)Delegate.CreateDelegate(typeof(HessianCall), method);
        return call(x, y, hessian);
    }

    private delegate double HessianCall(double x, double y, Span<double> hessian);

    [Fact]
    public void TheBackwardStillThrowsWhereTheMethodThrows()
    {
        var type = Compiled.Value.GetType("V")!;
        var backward = type.GetMethod("FBackward")!;
        var e = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, [-1.0, 2.0, 0.0, 0.0, 1.0]));
        Assert.IsType<ArgumentOutOfRangeException>(e.InnerException);
    }

    [Theory]
    // Writes a static field: an effect.
    [InlineData("static int calls; static void Count(double x) { calls++; } [Differentiable] public static double F(double x) { Count(x); return x * x; }", "Count(x)")]
    // Takes an object: not provably without effect.
    [InlineData("static void Configure(int a, object? p) { } [Differentiable] public static double F(double x) { Configure(1, null); return x * x; }", "Configure(1, null)")]
    public void AVoidHelperThatMayHaveAnEffect_IsADG0002(string member, string underlined)
    {
        var result = GeneratorHarness.Run("using System; using AutoDiffGen; public static partial class C { " + member + " }");
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.Empty(result.CompileDiagnostics);
        var d = Assert.Single(result.GeneratorDiagnostics.Concat(result.AnalyzerDiagnostics), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0002", d.Id);
        Assert.Equal(underlined, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
    }
}
