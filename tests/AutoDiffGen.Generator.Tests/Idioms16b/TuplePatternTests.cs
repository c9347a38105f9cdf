using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms16b;

/// <summary>
/// Issue 13, idioms16b item 2: positional patterns on tuples whose positions only test (constants, relational, discard,
/// not/and/or): <c>switch ((x, y)) { case (&gt; 0, &gt; 0): … }</c>, <c>(k, flag) switch { (1, true) =&gt; … }</c>,
/// <c>t is (&gt; 0.5, not 0)</c> on a tuple local, <c>(x, k) is (&lt; 1, &gt;= 2 and &lt; 5)</c>. Each arm is an ordinary branch;
/// gradients by hand and central differences on each side, MForward's tangent and MHessian by hand. A position that
/// declares or type-tests, and a list pattern, stay ADG0003 at the pattern.
/// </summary>
public class TuplePatternTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Tuples
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Quadrant(double x, double y)
            {
                switch ((x, y))
                {
                    case (> 0, > 0): return x * y;
                    case (> 0, _): return x * x;
                    default: return Math.Sin(y);
                }
            }

            [Differentiable(Forward = true)]
            public static double ByCode(double x, int k, bool flag) => (k, flag) switch
            {
                (0, _) => x * x,
                (1, true) => 3 * x,
                (> 1, false) => Math.Exp(x),
                _ => -x,
            };

            [Differentiable(Forward = true, Hessian = true)]
            public static double Local(double x, double y)
            {
                var t = (x, y);
                if (t is (> 0.5, not 0)) return x * x * y;
                return x + y;
            }

            [Differentiable] public static double IsLiteral(double x, int k) => (x, k) is (< 1, >= 2 and < 5) ? x * x * x : 2 * x;
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Tuples")!.GetMethod(name)!;

    private delegate double Forward2(double x, double y, double tX, double tY, out double tResult);

    private delegate double Hessian2(double x, double y, Span<double> hessian);

    private delegate double CodeForward(double x, int k, bool flag, double tX, out double tResult);

    [Theory]
    [InlineData(0.7, 1.2)]
    [InlineData(0.7, -0.4)]
    [InlineData(-0.3, 0.9)]
    public void SwitchOnATupleOfReals_AllModes(double x, double y)
    {
        var g = CentralDifferenceRunner.Check(Get("Quadrant"), null, new object[] { x, y });
        // x, y > 0: xy; x > 0 only: x²; else sin y.
        double[] grad = x > 0 && y > 0 ? new[] { y, x } : x > 0 ? new[] { 2 * x, 0 } : new[] { 0, Math.Cos(y) };
        double[] hess = x > 0 && y > 0 ? new[] { 0, 1.0, 1, 0 } : x > 0 ? new[] { 2.0, 0, 0, 0 } : new[] { 0, 0, 0, -Math.Sin(y) };
        Tolerance.AssertFormula(grad[0], g.Gradient[0]![0], "dQuadrant/dx");
        Tolerance.AssertFormula(grad[1], g.Gradient[1]![0], "dQuadrant/dy");
        Get("QuadrantForward").CreateDelegate<Forward2>()(x, y, 0.5, -2, out double tResult);
        Tolerance.AssertFormula((0.5 * grad[0]) - (2 * grad[1]), tResult, "Quadrant tResult");
        var h = new double[4];
        Get("QuadrantHessian").CreateDelegate<Hessian2>()(x, y, h);
        for (int k = 0; k < 4; k++) Tolerance.AssertFormula(hess[k], h[k], "QuadrantHessian[" + k + "]");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, true)]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(3, true)]
    public void SwitchExpressionOnAnIntAndABool_ByHand(int k, bool flag)
    {
        const double x = 0.6;
        var g = CentralDifferenceRunner.Check(Get("ByCode"), null, new object[] { x, k, flag });
        double expected = k == 0 ? 2 * x : k == 1 && flag ? 3 : k > 1 && !flag ? Math.Exp(x) : -1;
        Tolerance.AssertFormula(expected, g.Gradient[0]![0], "dByCode/dx");
        Get("ByCodeForward").CreateDelegate<CodeForward>()(x, k, flag, 1.0, out double tResult);
        Tolerance.AssertFormula(expected, tResult, "ByCode tResult");
    }

    [Theory]
    [InlineData(0.9, 1.5)]
    [InlineData(0.9, -0.7)]
    [InlineData(0.2, 1.5)]
    public void IsOnATupleLocal_AllModes(double x, double y)
    {
        var g = CentralDifferenceRunner.Check(Get("Local"), null, new object[] { x, y });
        bool inside = x > 0.5 && y != 0;
        Tolerance.AssertFormula(inside ? 2 * x * y : 1, g.Gradient[0]![0], "dLocal/dx");
        Tolerance.AssertFormula(inside ? x * x : 1, g.Gradient[1]![0], "dLocal/dy");
        var h = new double[4];
        Get("LocalHessian").CreateDelegate<Hessian2>()(x, y, h);
        double[] expected = inside ? new[] { 2 * y, 2 * x, 2 * x, 0 } : new double[4];
        for (int k = 0; k < 4; k++) Tolerance.AssertFormula(expected[k], h[k], "LocalHessian[" + k + "]");
    }

    [Theory]
    [InlineData(0.5, 3)]
    [InlineData(0.5, 7)]
    [InlineData(1.5, 3)]
    public void IsOnATupleLiteral_ByHand(double x, int k)
    {
        var g = CentralDifferenceRunner.Check(Get("IsLiteral"), null, new object[] { x, k });
        Tolerance.AssertFormula(x < 1 && k >= 2 && k < 5 ? 3 * x * x : 2, g.Gradient[0]![0], "dIsLiteral/dx");
    }

    [Theory]
    [InlineData("(x, y) is (double p, _) ? p : y", "(double p, _)")]
    [InlineData("(x, y) switch { (var p, _) when p > 0 => p * y, _ => y }", "(var p, _)")]
    [InlineData("(x, y) is ({ } , _) ? x : y", "({ } , _)")]
    public void APositionThatDeclaresOrNests_IsADG0003AtThePattern(string body, string at)
    {
        ProgramBatch.AssertSingleErrorAt("using System;\nusing AutoDiffGen;\npublic static partial class C\n{\n[Differentiable] public static double F(double x, double y) => " + body + ";\n}\n",
            "ADG0003", at, "positional pattern");
    }

    [Fact]
    public void AListPattern_IsADG0003AtThePattern()
    {
        ProgramBatch.AssertSingleErrorAt("using System;\nusing AutoDiffGen;\npublic static partial class C\n{\n[Differentiable] public static double F(double x, [NoDiff] double[] v) => v is [var a, ..] ? x * a : x;\n}\n",
            "ADG0003", "[var a, ..]", "list pattern");
    }
}
