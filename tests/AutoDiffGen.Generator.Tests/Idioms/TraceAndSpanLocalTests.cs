using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms;

/// <summary>
/// Trace calls (<c>Console.WriteLine</c>, <c>Debug</c>/<c>Trace</c> writes) and interpolated <c>Debug.Assert</c> messages run
/// in place in the forward sweep; span locals over a new array (<c>ReadOnlySpan&lt;double&gt; c = [1.0, x];</c>,
/// <c>Span&lt;double&gt; t = new double[n];</c>) are carried like local arrays (<see cref="TraceAndSpanLocalExamples"/>).
/// Gradients against central differences and by hand, MForward and MHessian by hand, and what a trace prints.
/// </summary>
public class TraceAndSpanLocalTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(TraceAndSpanLocalExamples.Source));

    private static Type Type => Compiled.Value.GetType("Traced")!;

    private static MethodInfo Get(string name) => Type.GetMethod(name)!;

    private delegate double Hessian1(double x, Span<double> hessian);
    private delegate double Hessian2(double x, double y, Span<double> hessian);
    private delegate double HessianA(double[] a, double x, Span<double> hessian);
    private delegate double ForwardA(double[] a, double x, ReadOnlySpan<double> tA, double tX, out double tResult);

    private static readonly double[] A = { 0.5, -1.5, 2.0 };

    public static TheoryData<string, object[]> Points => new()
    {
        { "LoggedLoss", new object[] { 0.7, -0.2 } },
        { "AssertFormatted", new object[] { 1.3, -0.6 } },
        { "SpanInit", new object[] { 0.8 } },
        { "SpanCollectionOfVars", new object[] { 0.9, -1.4 } },
        { "SpanTableLoop", new object[] { 1.2 } },
        { "SpanOverNew", new object[] { A.Clone(), 0.7 } },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void GradientMatchesCentralDifferences(string name, object[] point) => CentralDifferenceRunner.Check(Get(name), null, point);

    [Fact]
    public void Gradients_ByHand()
    {
        var logged = CentralDifferenceRunner.Check(Get("LoggedLoss"), null, new object[] { 0.7, -0.2 });
        double pred = (2 * 0.7) - 0.2;
        Tolerance.AssertFormula(4 * (pred - 1), logged.Gradient[0]![0], "dLoggedLoss/dw");
        Tolerance.AssertFormula(2 * (pred - 1), logged.Gradient[1]![0], "dLoggedLoss/db");

        var asserted = CentralDifferenceRunner.Check(Get("AssertFormatted"), null, new object[] { 1.3, -0.6 });
        Tolerance.AssertFormula((3 * -0.6) + (1 / 1.3), asserted.Gradient[0]![0], "dAssertFormatted/dx");
        Tolerance.AssertFormula(3 * 1.3, asserted.Gradient[1]![0], "dAssertFormatted/dy");

        var init = CentralDifferenceRunner.Check(Get("SpanInit"), null, new object[] { 0.8 });
        Tolerance.AssertFormula(-0.5 + (0.5 * 0.8), init.Gradient[0]![0], "dSpanInit/dx");

        double x = 0.9, y = -1.4;
        var vars = CentralDifferenceRunner.Check(Get("SpanCollectionOfVars"), null, new object[] { x, y });
        Tolerance.AssertFormula((2 * x) + (2 * x * y * y), vars.Gradient[0]![0], "dSpanCollectionOfVars/dx");
        Tolerance.AssertFormula((2 * y) + (2 * x * x * y), vars.Gradient[1]![0], "dSpanCollectionOfVars/dy");

        var table = CentralDifferenceRunner.Check(Get("SpanTableLoop"), null, new object[] { 1.2 });
        Tolerance.AssertFormula(0.5 + (3 * 1.2) - (6 * 1.2 * 1.2) + 6, table.Gradient[0]![0], "dSpanTableLoop/dx");

        var overNew = CentralDifferenceRunner.Check(Get("SpanOverNew"), null, new object[] { A.Clone(), 0.7 });
        double sumSquares = A.Sum(v => v * v);
        for (int i = 0; i < A.Length; i++) Tolerance.AssertFormula(2 * A[i] * 0.49, overNew.Gradient[0]![i], "dSpanOverNew/da" + i);
        Tolerance.AssertFormula(2 * 0.7 * sumSquares, overNew.Gradient[1]![0], "dSpanOverNew/dx");
    }

    [Fact]
    public void ForwardAndHessian_ByHand()
    {
        double x = 0.9, y = -1.4, tx = 0.3, ty = -0.8;
        var args = new object[] { x, y, tx, ty, 0.0 };
        Get("SpanCollectionOfVarsForward").Invoke(null, args);
        Tolerance.AssertFormula((((2 * x) + (2 * x * y * y)) * tx) + (((2 * y) + (2 * x * x * y)) * ty), (double)args[4], "SpanCollectionOfVars tResult");

        var h2 = Get("SpanCollectionOfVarsHessian").CreateDelegate<Hessian2>();
        var h = new double[4];
        h2(x, y, h);
        double[] expected = { 2 + (2 * y * y), 4 * x * y, 4 * x * y, 2 + (2 * x * x) };
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(expected[i], h[i], "SpanCollectionOfVars H" + i);

        var logged = Get("LoggedLossHessian").CreateDelegate<Hessian2>();
        logged(0.7, -0.2, h);
        expected = new double[] { 8, 4, 4, 2 };
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(expected[i], h[i], "LoggedLoss H" + i);

        var asserted = Get("AssertFormattedHessian").CreateDelegate<Hessian2>();
        asserted(1.3, -0.6, h);
        expected = new double[] { -1 / (1.3 * 1.3), 3, 3, 0 };
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(expected[i], h[i], "AssertFormatted H" + i);

        var h1 = new double[1];
        Get("SpanTableLoopHessian").CreateDelegate<Hessian1>()(1.2, h1);
        Tolerance.AssertFormula(3 - (12 * 1.2), h1[0], "SpanTableLoop H");
        Get("SpanInitHessian").CreateDelegate<Hessian1>()(0.8, h1);
        Tolerance.AssertFormula(0.5, h1[0], "SpanInit H");

        // x² Σaᵢ²: ∂²/∂aᵢ∂aⱼ = 2x²δᵢⱼ, ∂²/∂aᵢ∂x = 4aᵢx, ∂²/∂x² = 2Σaᵢ².
        double w = 0.7;
        var ha = new double[16];
        Get("SpanOverNewHessian").CreateDelegate<HessianA>()((double[])A.Clone(), w, ha);
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                double e = i < 3 && j < 3 ? (i == j ? 2 * w * w : 0)
                    : i == 3 && j == 3 ? 2 * A.Sum(v => v * v)
                    : 4 * A[Math.Min(i, j)] * w;
                Tolerance.AssertFormula(e, ha[(i * 4) + j], "SpanOverNew H" + i + j);
            }
        }

        double[] ta = { 0.2, 0.1, -0.4 };
        Get("SpanOverNewForward").CreateDelegate<ForwardA>()((double[])A.Clone(), w, ta, 0.5, out double t);
        double dot = (2 * w * 0.5 * A.Sum(v => v * v)) + Enumerable.Range(0, 3).Sum(i => 2 * A[i] * w * w * ta[i]);
        Tolerance.AssertFormula(dot, t, "SpanOverNew tResult");
    }

    [Fact]
    public void Backward_PrintsWhatTheMethodPrints_OnceAndInOrder()
    {
        string Captured(Action run)
        {
            var previous = Console.Out;
            var writer = new StringWriter();
            Console.SetOut(writer);
            try { run(); }
            finally { Console.SetOut(previous); }
            return writer.ToString();
        }
        static string[] Marked(string text, string marker) =>
            text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(marker, StringComparison.Ordinal)).ToArray();

        string primal = Captured(() => Get("LoggedLoss").Invoke(null, new object[] { 0.7, -0.2 }));
        var args = new object[] { 0.7, -0.2, 0.0, 0.0, 1.0 };
        string backward = Captured(() => Get("LoggedLossBackward").Invoke(null, args));
        double loss = Math.Pow((2 * 0.7) - 0.2 - 1, 2);
        Assert.Equal(new[] { FormattableString.Invariant($"TRACED-LOSS {loss:F6}") }.Select(s => s.Replace(".", System.Globalization.CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator, StringComparison.Ordinal)), Marked(backward, "TRACED-LOSS"));
        Assert.Equal(Marked(primal, "TRACED-LOSS"), Marked(backward, "TRACED-LOSS"));

        primal = Captured(() => Get("AssertFormatted").Invoke(null, new object[] { 1.3, -0.6 }));
        backward = Captured(() => Get("AssertFormattedBackward").Invoke(null, new object[] { 1.3, -0.6, 0.0, 0.0, 1.0 }));
        Assert.Equal(3, Marked(primal, "TRACED-STEP").Length);
        Assert.Equal(Marked(primal, "TRACED-STEP"), Marked(backward, "TRACED-STEP"));
        Assert.StartsWith("TRACED-STEP 0 ", Marked(backward, "TRACED-STEP")[0], StringComparison.Ordinal);

        args = new object[] { 1.3, -0.6, 0.4, 0.1, 0.0 };
        string forward = Captured(() => Get("AssertFormattedForward").Invoke(null, args));
        Assert.Equal(Marked(primal, "TRACED-STEP"), Marked(forward, "TRACED-STEP"));
    }

    [Theory]
    [InlineData("Console.Out.WriteLine(y);", "Console.Out.WriteLine(y)")]
    [InlineData("Environment.SetEnvironmentVariable(\"ADG\", y.ToString());", "Environment.SetEnvironmentVariable(\"ADG\", y.ToString())")]
    [InlineData("Console.Beep();", "Console.Beep()")]
    public void AnEffectCallThatIsNoTrace_IsStillAnError(string statement, string at)
    {
        string source = $$"""
            using System;
            using AutoDiffGen;

            public static partial class Effects
            {
                [Differentiable]
                public static double F(double x)
                {
                    double y = x * x;
                    {{statement}}
                    return y;
                }
            }
            """;
        OutsideErrors.AssertAt(source, "ADG0002", at, ".F_");
    }

    [Theory]
    [InlineData("t.Fill(x);", "t.Fill(x)")]
    [InlineData("Span<double> u = t;", "t")]
    [InlineData("t.Clear();", "t.Clear()")]
    public void ASpanLocalOverANewArray_UsedUnlikeAnArray_IsAnErrorAtTheUse(string statement, string at)
    {
        string source = $$"""
            using System;
            using AutoDiffGen;

            public static partial class Spans
            {
                [Differentiable]
                public static double F(double x)
                {
                    Span<double> t = new double[3];
                    t[0] = x;
                    {{statement}}
                    return t[0] * t[1];
                }
            }
            """;
        var run = OutsideErrors.AssertAt(source, "ADG0003", at, ".F_");
        Assert.Contains(run.GeneratorDiagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("span local over a new array", StringComparison.Ordinal));
    }
}

/// <summary>A span local over a spread is no new array (its elements are copies of another array's): an error, never a silently wrong copy.</summary>
public class SpanLocalOverSpreadTests
{
    [Theory]
    [InlineData("double[] b = { x, 2.0 }; ReadOnlySpan<double> t = [.. b, x];", "[.. b, x]")]
    public void IsAnError(string declarations, string at)
    {
        string source = $$"""
            using System;
            using AutoDiffGen;

            public static partial class Spans
            {
                [Differentiable]
                public static double F(double x)
                {
                    {{declarations}}
                    return t[0] * t[1];
                }
            }
            """;
        var run = GeneratorHarness.Run(source);
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        Assert.Contains(run.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error && d.Id.StartsWith("ADG", StringComparison.Ordinal)
            && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).Contains(at, StringComparison.Ordinal));
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
    }
}
