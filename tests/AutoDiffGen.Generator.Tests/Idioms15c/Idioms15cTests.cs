using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms15c;

/// <summary>
/// <see cref="Idioms15cExamples"/>: gotos in loops lowered as continue/break, each gradient by hand and against central
/// differences (CentralDifferenceRunner), MForward against MBackward along a direction, MHessian by hand.
/// </summary>
public class Idioms15cTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Idioms15cExamples.Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("LoopJumps")!.GetMethod(name)!;

    private delegate double ArrayForward(double[] x, ReadOnlySpan<double> tX, out double tResult);

    private delegate double Hessian2(double x, double y, Span<double> hessian);

    [Fact]
    public void AGotoToAnEmptyLabelEndingTheBody_IsAContinue_ByHand()
    {
        double[] x = { 0.7, -1.2, 1.5, -0.1, 0.3 };
        var g = CentralDifferenceRunner.Check(Get("SkipNegative"), null, new object[] { x });
        Tolerance.AssertFormula((0.7 * 0.7) + (1.5 * 1.5) + (0.3 * 0.3), g.Value, "SkipNegative value");
        var expected = x.Select(v => v < 0 ? 0 : 2 * v).ToArray();
        for (int i = 0; i < x.Length; i++) Tolerance.AssertFormula(expected[i], g.Gradient[0]![i], "dSkipNegative/dx" + i);
        // Forward along t: Σ 2xᵢ tᵢ over xᵢ ≥ 0.
        double[] t = { 0.5, 2.0, -0.4, 1.0, 0.25 };
        double value = Get("SkipNegativeForward").CreateDelegate<ArrayForward>()(x, t, out double tResult);
        Tolerance.AssertFormula(g.Value, value, "SkipNegativeForward value");
        Tolerance.AssertFormula((1.4 * 0.5) + (3.0 * -0.4) + (0.6 * 0.25), tResult, "SkipNegativeForward tResult");
    }

    /// <summary>Grow's m: the first m ≥ 1 with x yᵐ &gt; 2, else 10.</summary>
    private static int Rounds(double x, double y)
    {
        double r = x;
        for (int m = 1; m <= 10; m++)
        {
            r *= y;
            if (r > 2) return m;
        }
        return 10;
    }

    [Theory]
    [InlineData(0.5, 1.7)]
    [InlineData(1.5, 1.2)]
    [InlineData(0.3, 0.9)]
    [InlineData(-0.8, 1.3)]
    public void AGotoToTheStatementAfterTheLoop_IsABreak_ByHand(double x, double y)
    {
        int m = Rounds(x, y);
        var g = CentralDifferenceRunner.Check(Get("Grow"), null, new object[] { x, y });
        Tolerance.AssertFormula((x * Math.Pow(y, m)) + x, g.Value, "Grow value");
        Tolerance.AssertFormula(Math.Pow(y, m) + 1, g.Gradient[0]![0], "dGrow/dx");
        Tolerance.AssertFormula(m * x * Math.Pow(y, m - 1), g.Gradient[1]![0], "dGrow/dy");
        var all = new object?[] { x, y, 0.3, -0.6, null };
        double value = (double)Get("GrowForward").Invoke(null, all)!;
        Tolerance.AssertFormula(g.Value, value, "GrowForward value");
        Tolerance.AssertFormula((0.3 * (Math.Pow(y, m) + 1)) - (0.6 * m * x * Math.Pow(y, m - 1)), (double)all[^1]!, "GrowForward tResult");
        // H = [[0, m yᵐ⁻¹], [m yᵐ⁻¹, m(m-1) x yᵐ⁻²]].
        var h = new double[4];
        Get("GrowHessian").CreateDelegate<Hessian2>()(x, y, h);
        double cross = m * Math.Pow(y, m - 1);
        double[] expected = { 0, cross, cross, m * (m - 1) * x * Math.Pow(y, m - 2) };
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(expected[i], h[i], "GrowHessian[" + i + "]");
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(-0.6)]
    [InlineData(0.35)]
    public void AContinueLikeGotoInAnInnerForeach_FromANestedIf_ByHand(double x)
    {
        double[] w = { 0.8, -0.5, 1.9, 0.2 };
        var g = CentralDifferenceRunner.Check(Get("Nested"), null, new object[] { x, w });
        double f = 0, dx = 0;
        var dw = new double[w.Length];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < w.Length; j++)
            {
                double a = x * w[j];
                if (a <= 0 || a <= i * 0.5) continue;
                f += Math.Sin(a);
                dx += Math.Cos(a) * w[j];
                dw[j] += Math.Cos(a) * x;
            }
        }
        Tolerance.AssertFormula(f, g.Value, "Nested value");
        Tolerance.AssertFormula(dx, g.Gradient[0]![0], "dNested/dx");
        for (int j = 0; j < w.Length; j++) Tolerance.AssertFormula(dw[j], g.Gradient[1]![j], "dNested/dw" + j);
    }

    [Theory]
    [InlineData(1.1, 0.4)]
    [InlineData(0.5, 0.2)]
    [InlineData(-0.9, 1.5)]
    public void ABreakLikeGotoOutOfADoWhile_GradientAndHessian_ByHand(double x, double y)
    {
        var g = CentralDifferenceRunner.Check(Get("Iterate"), null, new object[] { x, y });
        // t ← t² + y, carrying t's first and second derivatives by the chain rule, until t > 3 or after 5 rounds.
        double t = x, tx = 1, ty = 0, txx = 0, txy = 0, tyy = 0;
        for (int n = 0; n < 5; n++)
        {
            (txx, txy, tyy) = ((2 * tx * tx) + (2 * t * txx), (2 * tx * ty) + (2 * t * txy), (2 * ty * ty) + (2 * t * tyy));
            (tx, ty) = (2 * t * tx, (2 * t * ty) + 1);
            t = (t * t) + y;
            if (t > 3) break;
        }
        Tolerance.AssertFormula(2 * t, g.Value, "Iterate value");
        Tolerance.AssertFormula(2 * tx, g.Gradient[0]![0], "dIterate/dx");
        Tolerance.AssertFormula(2 * ty, g.Gradient[1]![0], "dIterate/dy");
        var h = new double[4];
        Get("IterateHessian").CreateDelegate<Hessian2>()(x, y, h);
        double[] expected = { 2 * txx, 2 * txy, 2 * txy, 2 * tyy };
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(expected[i], h[i], "IterateHessian[" + i + "]");
    }
}
