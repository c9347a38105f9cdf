using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Issue 13, a goto back to an earlier label written as a loop: <c>L: …; if (c) goto L;</c> with the label and the if in
/// one block and nothing else jumping is <c>do { … } while (c);</c>, lowered as that loop. Checked by hand and against
/// central differences in Backward, Forward and Hessian; every other backward goto stays ADG0002 at the jump that keeps it
/// from being one, saying what to write.
/// </summary>
public class BackwardGotoTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class G
        {
            // Natural/Batch's Ext.Goto: x ← x/2 + 1 four times, x/16 + 15/8.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Halve(double x)
            {
                int k = 0;
            again:
                x = x * 0.5 + 1;
                if (++k < 4) goto again;
                return x;
            }

            // r ← r·x three times: x⁴.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Power(double x)
            {
                double r = x;
                int i = 0;
            again:
                r = r * x;
                i++;
                if (i < 3) goto again;
                return r;
            }

            // Its trip count depends on x: s = x·y·(1 + 1/2 + … + 1/2ⁿ⁻¹), n the halvings until t ≤ 0.1.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Halvings(double x, double y)
            {
                double s = 0;
                double t = x;
            loop:
                double term = t * y;
                s += term;
                t = t * 0.5;
                if (t > 0.1) goto loop;
                return s;
            }

            public static double HalveH(double x, double[] h) => HalveHessian(x, h);
            public static double PowerH(double x, double[] h) => PowerHessian(x, h);
            public static double HalvingsH(double x, double y, double[] h) => HalvingsHessian(x, y, h);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("G")!.GetMethod(name)!;

    [Theory]
    [InlineData(0.7)]
    [InlineData(-2.3)]
    public void TheNaturalBatchsGoto_IsItsLoop(double x)
    {
        var args = new object[] { x, 0.0, 1.0 };
        Assert.Equal(x / 16 + 1.875, (double)Method("HalveBackward").Invoke(null, args)!, 12);
        Assert.Equal(0.0625, (double)args[1], 12);
        CentralDifferenceRunner.Check(Method("Halve"), null, new object[] { x });
        var forward = new object[] { x, 1.0, 0.0 };
        Method("HalveForward").Invoke(null, forward);
        Assert.Equal(0.0625, (double)forward[2], 12);
        var h = new double[1];
        Method("HalveH").Invoke(null, new object[] { x, h });
        Assert.Equal(0.0, h[0], 12);
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.4)]
    public void ALoopCarriedProduct_x4_InEveryMode(double x)
    {
        var args = new object[] { x, 0.0, 1.0 };
        Method("PowerBackward").Invoke(null, args);
        Assert.Equal(4 * x * x * x, (double)args[1], 12);
        CentralDifferenceRunner.Check(Method("Power"), null, new object[] { x });
        var forward = new object[] { x, 1.0, 0.0 };
        Method("PowerForward").Invoke(null, forward);
        Assert.Equal(4 * x * x * x, (double)forward[2], 12);
        var h = new double[1];
        Method("PowerH").Invoke(null, new object[] { x, h });
        Assert.Equal(12 * x * x, h[0], 10);
    }

    [Theory]
    [InlineData(1.0, 2.0, 1.875)]   // t = 1, .5, .25, .125 then .0625: four terms
    [InlineData(0.3, -0.7, 1.5)]    // t = .3, .15 then .075: two terms
    [InlineData(0.05, 1.3, 1.0)]    // t = .05: the body runs once, as a do/while's does
    public void ATripCountThatDependsOnX_TheReverseSweepRunsItBack(double x, double y, double sum)
    {
        var args = new object[] { x, y, 0.0, 0.0, 1.0 };
        Method("HalvingsBackward").Invoke(null, args);
        Assert.Equal(sum * y, (double)args[2], 12);
        Assert.Equal(sum * x, (double)args[3], 12);
        CentralDifferenceRunner.Check(Method("Halvings"), null, new object[] { x, y });
        var forward = new object[] { x, y, 0.3, -1.1, 0.0 };
        Method("HalvingsForward").Invoke(null, forward);
        Assert.Equal(sum * y * 0.3 - sum * x * 1.1, (double)forward[4], 12);
        // s = c·x·y: the Hessian is [[0, c], [c, 0]].
        var h = new double[4];
        Method("HalvingsH").Invoke(null, new object[] { x, y, h });
        Assert.Equal(new[] { 0.0, sum, sum, 0.0 }, h.Select(v => Math.Round(v, 12)).ToArray());
    }

    [Theory]
    [InlineData("again: if (x > 10) return x; x = x * 0.5; if (x > 1) goto again; return x;", "return x; x", "jump into, out of or inside")]
    [InlineData("again: if (x < 0) goto done; x = x * 0.5; if (x > 1) goto again; done: return x;", "goto done;", "jump into, out of or inside")]
    [InlineData("if (x > 5) goto again; x = -x; again: x = x * 0.5; if (x > 1) goto again; return x;", "goto again; x = -x", "jump into, out of or inside")]
    [InlineData("again: x = x * 0.5; if (x > 1) { x += 1; goto again; } return x;", "goto again;", "do { … } while (…);")]
    [InlineData("int k = 0; again: x = x * 0.5; if (k++ < 2) { if (x > 1) goto again; } return x;", "goto again;", "do { … } while (…);")]
    public void OtherBackwardJumps_StayAnErrorAtTheJump_AndNoCode(string body, string at, string says)
    {
        string source = "using System;\nusing AutoDiffGen;\npublic static partial class G\n{\n    [Differentiable]\n    public static double F(double x)\n    {\n        " + body + "\n    }\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0002", at, says);
    }
}
