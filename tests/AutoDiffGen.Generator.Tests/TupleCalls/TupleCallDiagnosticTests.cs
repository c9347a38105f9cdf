using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.TupleCalls;

/// <summary>Tuple results that stay errors: at the call, saying what to write, no generated caller, no broken build.</summary>
public class TupleCallDiagnosticTests
{
    private const string Prelude = """
        using System;
        using AutoDiffGen;
        public static partial class C
        {
            [Differentiable] public static (double, double) Polar(double r, double t) => (r * Math.Cos(t), r * Math.Sin(t));
            private static int _calls;
            public static (double, double) Plain(double r) { _calls++; return (r, r * r); }
            public static (double, int) Mixed(double r) => (r * r, 2);
        """;

    [Fact]
    public void ForwardThroughATupleCalleeWithoutForward_GetsItsForwardFromItsBody()
    {
        // ADG0018 at Polar(r, 1) until 2026-12-03 (hess6): Polar's MForward is now written from its body (DerivedForms).
        var result = GeneratorHarness.RunForLoad(Prelude + "[Differentiable(Forward = true)] public static double F(double r) { var (x, y) = Polar(r, 1); return x * y; }\n}");
        result.AssertClean();
        var type = GeneratorHarness.Load(result).GetType("C")!;
        double r = 0.8;
        var args = new object[] { r, 1.0, null! };
        type.GetMethod("FForward")!.Invoke(null, args);
        // By hand: f = r² sin 1 cos 1, f' = 2r sin 1 cos 1.
        Tolerance.AssertFormula(2 * r * Math.Sin(1) * Math.Cos(1), (double)args[2], "F's tangent by hand");
        var f = type.GetMethod("F")!.CreateDelegate<Func<double, double>>();
        Tolerance.AssertCentral((f(r + 1e-6) - f(r - 1e-6)) / 2e-6, (double)args[2], 1, "F's tangent vs central differences");
    }

    [Theory]
    // A tuple of reals from a helper that is not [Differentiable] is inlined since idioms12 (Idioms12/Idioms12Tests); one whose
    // body cannot be differentiated in place (it writes a static field) is ADG0004 at the call, deconstructed or read by element.
    // A tuple with an int element is no tuple of reals: deconstructed, the statement (as before). (Math.SinCos is a Sin and a
    // Cos gate: Statements/AsWrittenTests.)
    [InlineData("[Differentiable] public static double F(double r) { var (s, c) = Plain(r); return s * c; }", "ADG0004", "Plain(r)", "is not [Differentiable], so its body is differentiated in place, but")]
    [InlineData("[Differentiable] public static double F(double r) => Plain(r).Item1;", "ADG0004", "Plain(r)", "is not [Differentiable], so its body is differentiated in place, but")]
    [InlineData("[Differentiable] public static double F(double r) { var (s, c) = Mixed(r); return s * c; }", "ADG0002", "var (s, c) = Mixed(r)", "tuple literal")]
    // (Second order through a tuple-returning call, Polar(r, 1).Item1 with Hessian = true, was ADG0019 here: since hess14 the
    // callee is inlined, Hessians/HessianStructCallTests checks a tuple callee by hand.)
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
}
