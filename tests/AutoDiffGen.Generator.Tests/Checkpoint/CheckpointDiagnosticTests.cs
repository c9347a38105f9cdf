using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Checkpoint;

/// <summary>
/// A loop that cannot be run again from its carried variables is not checkpointed: warning ADG0030 says why, and
/// the method is taped as usual, with a correct gradient (never a wrong one).
/// </summary>
public class CheckpointDiagnosticTests
{
    public static TheoryData<string, string, double> Cases() => new()
    {
        // a local array carried and written by the loop
        { "var w = new double[2]; for (int i = 0; i < 6; i++) { w[i % 2] = w[i % 2] * 0.5 + x; } return w[0] + w[1];", "carries 'w' of type double[]", 3.5 },
        // an array written after the loop: a segment run again would read it changed
        { "double s = 0; for (int i = 0; i < 4; i++) s += x * i; var w = new double[1]; w[0] = s; return w[0];", "an array element is written", 6.0 },
        // a call in the loop
        { "double s = 0; for (int i = 0; i < 3; i++) s += D.Twice(x); return s;", "calls a method ('", 6.0 },
        // no loop at the top level of the body
        { "double s = x; if (x > 0) { for (int i = 0; i < 3; i++) s = s * 2; } return s;", "has no loop outside a branch", 8.0 },
        { "return x * x;", "has no loop outside a branch", 2.0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void NotCheckpointed_Warns_AndTapesWithACorrectGradient(string body, string reason, double gradientAtOne)
    {
        string source = """
            using System;
            using AutoDiffGen;

            // Twice is in another class so that it stays a call (a small callee of the same class is inlined).
            public static partial class D
            {
                [Differentiable]
                public static double Twice(double x) => 2 * x;
            }

            public static partial class C
            {

                [Differentiable(Checkpoint = true)]
                public static double M(double x)
                {
            """ + body + """
                }
            }
            """;
        var run = GeneratorHarness.Run(source);
        var warning = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("ADG0030", warning.Id);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains(reason, warning.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("M", warning.Location.SourceTree!.GetText().ToString(warning.Location.SourceSpan));
        string generated = run.Generated.Single(g => g.Key.StartsWith("C.M_", StringComparison.Ordinal)).Value;
        Assert.DoesNotContain("segmentStart", generated, StringComparison.Ordinal);

        var assembly = GeneratorHarness.CompileAndLoadAllowing(source, "ADG0030");
        var m = new Differentiated(assembly, "C", "M");
        var (value, gradient) = m.Backward(new[] { 1.0 });
        Tolerance.AssertFormula(gradientAtOne, gradient[0], "d/dx");
        const double h = 1e-6;
        Tolerance.AssertCentral((m.Value(1 + h) - m.Value(1 - h)) / (2 * h), gradient[0], value);
    }
}

/// <summary>Checkpoint = true changes MBackward only: with Forward = true, MForward is the usual tape-free tangent.</summary>
public class CheckpointWithForwardTests
{
    [Fact]
    public void ForwardAndCheckpoint_Together_AgreeWithEachOther()
    {
        const string source = """
            using System;
            using AutoDiffGen;

            public static partial class F
            {
                [Differentiable(Forward = true, Checkpoint = true)]
                public static double Recurrence(double x, double a, int n)
                {
                    double y = x;
                    for (int i = 0; i < n; i++) y = y * a + 0.01 * Math.Sin(y);
                    return y;
                }
            }
            """;
        var run = GeneratorHarness.RunForLoad(source);
        run.AssertClean();
        string generated = run.Generated.Single().Value;
        Assert.Contains("segmentStart", generated, StringComparison.Ordinal);
        var type = GeneratorHarness.Load(run).GetType("F")!;
        foreach (int n in new[] { 0, 3, 500 })
        {
            var back = new object[] { 0.8, 0.97, n, 0.0, 0.0, 1.0 };
            double value = (double)type.GetMethod("RecurrenceBackward")!.Invoke(null, back)!;
            var forward = new object[] { 0.8, 0.97, n, 1.0, 0.0, null! };
            double forwardValue = (double)type.GetMethod("RecurrenceForward")!.Invoke(null, forward)!;
            Assert.Equal(value, forwardValue);
            // The same derivative by two chain rules: equal up to rounding.
            Assert.True(Math.Abs((double)back[3] - (double)forward[5]) <= 1e-12 * Math.Max(1, Math.Abs((double)back[3])), $"n = {n}: dX {back[3]} vs tangent {forward[5]}");
        }
    }
}
