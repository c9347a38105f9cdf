using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// The shapes of Math.NET's MarcumQ helpers: a value-returning helper with an <c>out double</c> (the continued fraction's
/// derivative), a void helper with two <c>out double</c> results, and a void integrand with a <c>ref</c> bound it may lower and an
/// <c>out</c> value, called in a loop. Marked [Differentiable], they are supported; the held-out check copies them
/// unmarked (the extraction marks only methods that return a real and take reals), where the call is an error that says
/// to mark them. An <c>out _</c> discard is supported; an <c>out int</c> status code (MarcumQ's <c>ierr</c>) is still ADG0006.
/// </summary>
public class RefOutHelperTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Marcum
        {
            [Differentiable]
            static void Hyp(double x, out double sinh, out double cosh)
            {
                if (Math.Abs(x) < 0.1) { sinh = x + x * x * x / 6; cosh = 1 + x * x / 2 + x * x * x * x / 24; }
                else { double ex = Math.Exp(x); sinh = (ex - 1 / ex) / 2; cosh = (ex + 1 / ex) / 2; }
            }

            [Differentiable]
            static double Falfa(double al, double r, int t, out double df)
            {
                Hyp(al, out double sh, out double ch);
                double falfa;
                if (t == 1) { falfa = al * sh / ch - 1.0 - r / ch; df = (sh + (al + r * sh) / ch) / ch; }
                else { falfa = al - (sh + r) / ch; df = al - (sh + r) / ch; }
                return falfa;
            }

            // One Newton step: a value-returning helper that also returns through out.
            [Differentiable]
            public static double Fi(double al, double r, int t)
            {
                double p = Falfa(al, r, t, out var q);
                double fi = al - p / q;
                return fi;
            }

            [Differentiable]
            static void Integrand(double theta, ref double b0, out double inte, double mu)
            {
                double f;
                if (theta > b0) f = 0;
                else
                {
                    f = Math.Exp(-mu * theta * theta);
                    if (f < 1e-3) { f = 0; b0 = Math.Min(theta, b0); }
                }
                inte = f;
            }

            [Differentiable]
            static void Ser(double mu, double x, out double p, out double q) { q = Math.Exp(-x / mu); p = 1 - q; }

            // MarcumQ's call shape: the result it does not need is discarded.
            [Differentiable]
            public static double Discarded(double mu, double x) { Ser(mu, x, out _, out double q); return q; }

            // A trapezium sum whose integrand may lower the upper bound it is passed by ref.
            [Differentiable]
            public static double Trapsum(double a, double b, double h, double mu)
            {
                double s = 0;
                double b0 = b;
                double inte, aa;
                Integrand(a, ref b0, out inte, mu);
                s = inte / 2.0;
                aa = a + h;
                while ((aa < b) && (aa < b0))
                {
                    Integrand(aa, ref b0, out inte, mu);
                    s += inte;
                    aa += h;
                }
                return s * h;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Marcum")!.GetMethod(name)!;

    [Theory]
    [InlineData(0.05, 0.3, 1)]
    [InlineData(0.8, 0.3, 1)]
    [InlineData(1.4, -0.6, 2)]
    public void NewtonStep_ThroughOutResults(double al, double r, int t)
    {
        var result = CentralDifferenceRunner.Check(Method("Fi"), null, new object[] { al, r, t });
        if (t == 2)
        {
            // p = q = al − (sinh + r)/cosh, so fi = al − 1 and the gradient is (1, 0).
            Tolerance.AssertFormula(1.0, result.Gradient[0]![0], "d/dal");
            Tolerance.AssertFormula(0.0, result.Gradient[1]![0], "d/dr");
        }
    }

    [Fact]
    public void AnOutDiscard()
    {
        double mu = 1.5, x = 0.7;
        var result = CentralDifferenceRunner.Check(Method("Discarded"), null, new object[] { mu, x });
        Tolerance.AssertFormula(-Math.Exp(-x / mu) / mu, result.Gradient[1]![0], "d/dx");
        Tolerance.AssertFormula(Math.Exp(-x / mu) * x / (mu * mu), result.Gradient[0]![0], "d/dmu");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(8.0)] // the integrand falls below 1e-3 and lowers the bound inside the loop
    public void TrapeziumSum_WithARefBound(double mu)
    {
        double a = 0.03, b = 2.0, h = 0.125; // no node on b, where the loop's count would switch
        var result = CentralDifferenceRunner.Check(Method("Trapsum"), null, new object[] { a, b, h, mu });
        // d/dmu of h·(f(a)/2 + Σ f(a + k h)) with f = exp(−mu θ²), over the nodes the loop visits.
        double sum = 0, b0 = b;
        double F(double th, ref double bound) { if (th > bound) return 0; double f = Math.Exp(-mu * th * th); if (f < 1e-3) { bound = Math.Min(th, bound); return 0; } return f; }
        double f0 = F(a, ref b0);
        sum += -a * a * f0 / 2;
        for (double aa = a + h; aa < b && aa < b0; aa += h) { double fk = F(aa, ref b0); sum += -aa * aa * fk; }
        Tolerance.AssertFormula(h * sum, result.Gradient[3]![0], "d/dmu");
    }

    [Theory]
    [InlineData("static void Ser(double x, out double q, out int ierr) { ierr = 0; q = Math.Exp(-x); }", "Ser(x, out double q, out int e); return q;")]
    public void StatusCodes_AreStillErrors(string helper, string body)
    {
        var source = "using System;\nusing AutoDiffGen;\npublic static partial class C {\n[Differentiable] " + helper + "\n"
            + "[Differentiable] public static double F(double x) { " + body + " }\n}\n";
        var result = GeneratorHarness.Run(source);
        var errors = result.Diagnostics.Where(d => d.Id.StartsWith("ADG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count > 0, result.Dump());
        Assert.DoesNotContain(result.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }
}
