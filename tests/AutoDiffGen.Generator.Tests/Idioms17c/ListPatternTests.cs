using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms17c;

/// <summary>
/// Issue 13, idioms17c item 4: list patterns on an array whose positions only test (<c>xs is [&gt; 0, _, ..]</c>,
/// <c>case []:</c>, <c>case [_, _]:</c>, <c>case [.., &lt; 0]:</c>, <c>is not [.., &gt; 1]</c>) are the length and element
/// tests they stand for, whose gradient is zero: each branch by hand and against central differences, Forward and
/// Hessian where the method asks. A list pattern that declares (<c>[var a, var b]</c>) or slices into a pattern is one
/// ADG0003 at the pattern, saying what to write.
/// </summary>
public class ListPatternTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class List17c
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Head(double[] xs) => xs is [> 0, _, ..] ? xs[0] * xs[1] : xs[1] * 3;

            [Differentiable(Forward = true)]
            public static double Shape(double[] xs, double x)
            {
                switch (xs)
                {
                    case []: return x;
                    case [_, _]: return x * xs[1];
                    case [.., < 0]: return xs[0] * x;
                    default: return xs[xs.Length - 1] * x * x;
                }
            }

            [Differentiable]
            public static double Tail(double[] xs) => xs is not [.., > 1] ? Math.Sin(xs[0]) : xs[0] * xs[xs.Length - 1];

            [Differentiable]
            public static double Arms(double[] xs, double x) => xs switch { [< 0.5, > 0.5] => x * xs[0], [_, _, > 2] => xs[2] * x, _ => x * x };
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("List17c")!.GetMethod(name)!;

    private delegate double ArrayForward(double[] xs, ReadOnlySpan<double> tXs, out double tResult);

    private delegate double ArrayHessian(double[] xs, Span<double> hessian);

    private delegate double ShapeForward(double[] xs, double x, ReadOnlySpan<double> tXs, double tX, out double tResult);

    [Theory]
    [InlineData(0.5, -1.25, 2.0)]
    [InlineData(-0.5, -1.25, 2.0)]
    public void PositionsThatTest_AllModes(double a, double b, double c)
    {
        double[] xs = { a, b, c };
        var g = CentralDifferenceRunner.Check(Get("Head"), null, new object[] { xs });
        double[] expected = a > 0 ? new[] { b, a, 0 } : new[] { 0, 3.0, 0 };
        AssertAll(expected, g.Gradient[0]!, "dHead/dxs");
        Get("HeadForward").CreateDelegate<ArrayForward>()(xs, new double[] { 1, 1, 1 }, out double tResult);
        Tolerance.AssertFormula(expected.Sum(), tResult, "Head tResult");
        var h = new double[9];
        Get("HeadHessian").CreateDelegate<ArrayHessian>()(xs, h);
        var hess = new double[9];
        if (a > 0) hess[1] = hess[3] = 1;
        AssertAll(hess, h, "HeadHessian");
    }

    [Fact]
    public void SwitchCasesByLength_AndTheLastElement_ByHand()
    {
        const double x = 0.7;
        // []: f = x.
        var empty = CentralDifferenceRunner.Check(Get("Shape"), null, new object[] { Array.Empty<double>(), x });
        Tolerance.AssertFormula(1, empty.Gradient[1]![0], "dShape/dx at []");
        // [_, _]: f = x·xs[1].
        var two = CentralDifferenceRunner.Check(Get("Shape"), null, new object[] { new[] { 0.4, -0.9 }, x });
        AssertAll(new[] { 0, x }, two.Gradient[0]!, "dShape/dxs at two");
        Tolerance.AssertFormula(-0.9, two.Gradient[1]![0], "dShape/dx at two");
        // [.., < 0] with three: f = xs[0]·x.
        var negative = CentralDifferenceRunner.Check(Get("Shape"), null, new object[] { new[] { 0.4, 1.1, -0.3 }, x });
        AssertAll(new[] { x, 0, 0 }, negative.Gradient[0]!, "dShape/dxs at [.., < 0]");
        Tolerance.AssertFormula(0.4, negative.Gradient[1]![0], "dShape/dx at [.., < 0]");
        // default: f = xs[^1]·x².
        var last = CentralDifferenceRunner.Check(Get("Shape"), null, new object[] { new[] { 0.4, 1.1, 0.3 }, x });
        AssertAll(new[] { 0, 0, x * x }, last.Gradient[0]!, "dShape/dxs at default");
        Tolerance.AssertFormula(2 * 0.3 * x, last.Gradient[1]![0], "dShape/dx at default");
        Get("ShapeForward").CreateDelegate<ShapeForward>()(new[] { 0.4, 1.1, 0.3 }, x, new double[] { 0, 0, 1 }, 1, out double tResult);
        Tolerance.AssertFormula((x * x) + (2 * 0.3 * x), tResult, "Shape tResult at default");
    }

    [Theory]
    [InlineData(0.3, 0.8)]
    [InlineData(0.3, 1.6)]
    public void NegatedSlicePattern_ByHand(double a, double b)
    {
        var g = CentralDifferenceRunner.Check(Get("Tail"), null, new object[] { new[] { a, b } });
        double[] expected = b > 1 ? new[] { b, a } : new[] { Math.Cos(a), 0 };
        AssertAll(expected, g.Gradient[0]!, "dTail/dxs");
    }

    [Fact]
    public void SwitchExpressionArms_ByHand()
    {
        const double x = 1.3;
        var first = CentralDifferenceRunner.Check(Get("Arms"), null, new object[] { new[] { 0.2, 0.9 }, x });
        AssertAll(new[] { x, 0 }, first.Gradient[0]!, "dArms/dxs first arm");
        Tolerance.AssertFormula(0.2, first.Gradient[1]![0], "dArms/dx first arm");
        var second = CentralDifferenceRunner.Check(Get("Arms"), null, new object[] { new[] { 0.2, 0.9, 2.5 }, x });
        AssertAll(new[] { 0, 0, x }, second.Gradient[0]!, "dArms/dxs second arm");
        var other = CentralDifferenceRunner.Check(Get("Arms"), null, new object[] { new[] { 0.7, 0.9 }, x });
        Tolerance.AssertFormula(2 * x, other.Gradient[1]![0], "dArms/dx default arm");
    }

    private const string Header = "using System;\nusing AutoDiffGen;\npublic static partial class C\n{\n";

    [Theory]
    [InlineData("{ switch (xs) { case [var a, var b]: return a * b; default: return 0; } }", "[var a, var b]")]
    [InlineData("=> xs is [> 0, .. var rest] ? xs[0] : 1;", "[> 0, .. var rest]")]
    [InlineData("=> xs is [double a, _] ? a * xs[1] : 1;", "[double a, _]")]
    public void AListPatternThatDeclares_IsOneADG0003AtThePattern(string body, string at)
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static double F(double[] xs) " + body + "\n}\n", "ADG0003", at, "A list pattern that declares");
    }

    private static void AssertAll(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++) Tolerance.AssertFormula(expected[k], actual[k], what + "[" + k + "]");
    }
}
