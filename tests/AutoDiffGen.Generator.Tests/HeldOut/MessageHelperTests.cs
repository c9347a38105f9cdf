using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// QLNet (held-out check 3) validates every argument with <c>Utils.QL_REQUIRE(bool condition, Func&lt;string&gt; message)</c>,
/// whose message is a lambda reading the values (<c>() =&gt; "stdDev (" + stdDev + ") must be non-negative"</c>), and
/// fails with <c>QL_FAIL(string message)</c>; 20 of its 43 methods were ADG0002 at such a call ("a call made only for its
/// effects"), 10 more through their callers. A helper returning nothing whose parameters are reals, discrete values,
/// strings or a message factory that it calls only in what it throws has no effect but the throw (PureHelpers), so it
/// is run in place as a guard, the message lambda written again with the current names. The programs here are our own,
/// in QLNet's shape: checked by hand and by central differences, in reverse, forward and Hessian mode; a Backward throws
/// the method's exception with the same message. A message lambda declaring a local or assigning is ADG0003 at it; a
/// helper calling its message outside a throw stays ADG0002 at the call; a helper returning a bool that takes a string
/// stays ADG0016 (a string parsed back would carry the value without its gradient).
/// </summary>
public class MessageHelperTests
{
    private const string Prelude = """
        using System;
        using AutoDiffGen;

        public enum Failure { Argument = 1, Range = 2 }

        public static class Check
        {
            public static void Require(bool condition, Func<string> message, Failure kind = Failure.Argument)
            {
                if (!condition)
                    switch (kind)
                    {
                        case Failure.Argument: throw new ArgumentException(message.Invoke());
                        case Failure.Range: throw new ArgumentOutOfRangeException(nameof(condition), message());
                    }
            }

            public static void Fail(string message, Failure kind = Failure.Argument)
            {
                switch (kind)
                {
                    case Failure.Argument: throw new ArgumentException(message);
                    case Failure.Range: throw new ArgumentOutOfRangeException(nameof(message), message);
                }
            }

            public static void Positive(double a, double b)
            {
                Require(a > 0.0, () => "a (" + a + ") must be positive");
                Require(b > 0.0, () => "b (" + b + ") must be positive");
            }

            public static void Logged(bool condition, Func<string> message)
            {
                string text = message();
                if (!condition) throw new ArgumentException(text);
            }

            public static bool Named(double x, string name) => name.Length > 0 && x > 0;
        }

        public static partial class Quotes
        {
        """;

    private const string Supported = Prelude + """
            [Differentiable(Forward = true, Hessian = true)]
            public static double Price(double forward, double strike, double vol)
            {
                Check.Positive(forward, strike);
                Check.Require(vol >= 0.0, () => "vol (" + vol + ") must be non-negative");
                double result = forward * Math.Exp(-vol) - strike * vol * vol;
                Check.Require(result > -1e9, () => $"negative value ({result}) for {vol} vol", Failure.Range);
                return result;
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Series(double x, int maxIteration)
            {
                double sum = 0, term = 1;
                for (int m = 1; m <= maxIteration; m++)
                {
                    term *= x / m;
                    sum += term;
                    if (Math.Abs(term) < 1e-16 * Math.Abs(sum)) return sum;
                }
                Check.Fail("too few iterations for x = " + x);
                return sum;
            }

            public static double[] PriceH(double f, double k, double v) { var h = new double[9]; PriceHessian(f, k, v, h); return h; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Supported));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Quotes")!.GetMethod(name)!;

    /// <summary>f = F·e^(−v) − K·v²: ∂f/∂F = e^(−v), ∂f/∂K = −v², ∂f/∂v = −F·e^(−v) − 2Kv; the Hessian's non-zero entries
    /// ∂²f/∂F∂v = −e^(−v), ∂²f/∂K∂v = −2v, ∂²f/∂v² = F·e^(−v) − 2K.</summary>
    [Theory]
    [InlineData(100.0, 90.0, 0.25)]
    [InlineData(2.0, 3.0, 1.5)]
    public void ValidationHelpers_WithMessageLambdas_ReverseForwardAndHessian(double f, double k, double v)
    {
        var r = CentralDifferenceRunner.Check(Method("Price"), null, new object[] { f, k, v });
        double e = Math.Exp(-v);
        Tolerance.AssertFormula(e, r.Gradient[0]![0], "df/dF");
        Tolerance.AssertFormula(-v * v, r.Gradient[1]![0], "df/dK");
        Tolerance.AssertFormula(-f * e - 2 * k * v, r.Gradient[2]![0], "df/dv");

        var args = new object[] { f, k, v, 0.0, 0.0, 1.0, 0.0 };
        Method("PriceForward").Invoke(null, args);
        Tolerance.AssertFormula(-f * e - 2 * k * v, (double)args[6], "tangent along v");

        var h = (double[])Method("PriceH").Invoke(null, new object[] { f, k, v })!;
        double[] expected = { 0, 0, -e, 0, 0, -2 * v, -e, -2 * v, f * e - 2 * k };
        for (int i = 0; i < 9; i++) Tolerance.AssertFormula(expected[i], h[i], "H[" + i + "]");
    }

    /// <summary>Σ xᵐ/m! to convergence is eˣ − 1, so the derivative is eˣ; the failure after the loop is never reached.</summary>
    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void FailAfterALoop_ThatReturnsOnConvergence(double x)
    {
        var r = CentralDifferenceRunner.Check(Method("Series"), null, new object[] { x, 60 });
        Tolerance.AssertFormula(Math.Exp(x), r.Gradient[0]![0], "d(e^x - 1)/dx");
    }

    /// <summary>The Backward throws where the method throws, with the message its lambda builds from the same values.</summary>
    [Theory]
    [InlineData(100.0, 90.0, -0.5, "vol (-0.5) must be non-negative")]
    [InlineData(-1.0, 90.0, 0.5, "a (-1) must be positive")]
    [InlineData(1.0, -2.0, 0.5, "b (-2) must be positive")]
    public void Backward_ThrowsTheMethodsMessage(double f, double k, double v, string message)
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        try
        {
            var primal = Assert.Throws<TargetInvocationException>(() => Method("Price").Invoke(null, new object[] { f, k, v }));
            var backward = Assert.Throws<TargetInvocationException>(() => Method("PriceBackward").Invoke(null, new object[] { f, k, v, 0.0, 0.0, 0.0, 1.0 }));
            Assert.IsType<ArgumentException>(backward.InnerException);
            Assert.Equal(message, primal.InnerException!.Message);
            Assert.Equal(message, backward.InnerException!.Message);
            var failed = Assert.Throws<TargetInvocationException>(() => Method("SeriesBackward").Invoke(null, new object[] { 0.5, 2, 0.0, 1.0 }));
            Assert.Equal("too few iterations for x = 0.5", failed.InnerException!.Message);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>The rewritten lambdas and guards compile without a diagnostic at C# 7.3 without nullable and at the latest version with it.</summary>
    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, false)]
    [InlineData(LanguageVersion.Latest, true)]
    public void CompilesAtEveryLanguageVersion(LanguageVersion version, bool nullable)
    {
        var result = Compatibility.LanguageVersionHarness.Run(version, nullable, null, Supported);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(2, result.Generated.Count);
    }

    /// <summary>Just outside: what the message lambda or the helper could do besides building the thrown text.</summary>
    [Theory]
    [InlineData("{ Check.Require(x > 0, () => { var s = \"x \" + x; return s; }); return x * x; }", "ADG0003", "() => { var s = \"x \" + x; return s; }")]
    [InlineData("{ int n = 0; Check.Require(x > 0, () => \"x \" + (n = 2)); return x * x + n; }", "ADG0003", "() => \"x \" + (n = 2)")]
    [InlineData("{ Check.Logged(x > 0, () => \"x \" + x); return x * x; }", "ADG0002", "Check.Logged(x > 0, () => \"x \" + x)")]
    [InlineData("{ if (!Check.Named(x, \"x\")) throw new ArgumentException(); return x * x; }", "ADG0016", "x")]
    public void MessageThatCouldDoMore_IsAnErrorAtIt(string body, string id, string at)
    {
        string source = Prelude + "[Differentiable] public static double F(double x) " + body + "\n}\n";
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count > 0 && errors.All(d => d.Id == id), string.Join("\n", errors) + "\n" + run.Dump());
        Assert.Contains(errors, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == at);
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
        Assert.Empty(run.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }
}
