using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms;

/// <summary>
/// A struct's own operators, inlined where they are used: gradients by hand and against central differences, in loops
/// and branches, on a positional record struct, in forward mode.
/// </summary>
public class UserOperatorTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;
        public partial struct P
        {
            public double X, Y;
            public static P operator +(P a, P b) => new P { X = a.X + b.X, Y = a.Y + b.Y };
            public static P operator *(double k, P a) => new P { X = k * a.X, Y = k * a.Y };
            public static P operator -(P a) { return new P { X = -a.X, Y = -a.Y }; }
            public static double operator *(P a, P b) => a.X * b.X + a.Y * b.Y;
        }
        public record struct V(double X, double Y)
        {
            public static V operator +(V a, V b) => new V(a.X + b.X, a.Y + b.Y);
        }
        public static partial class Ops
        {
            // (a.X + b.X)·(a·b).
            [Differentiable(Forward = true)] public static double Sum(P a, P b) => (a + b).X * (a * b);

            // q = p·(1 + 0.5·3) = 2.5p, negated when x > 0; q·p = ∓2.5(x² + y²).
            [Differentiable]
            public static double Loop(double x, double y)
            {
                var p = new P { X = x, Y = y };
                var q = p;
                for (int i = 0; i < 3; i++) q = q + 0.5 * p;
                if (x > 0) q = -q;
                return q * p;
            }

            // s = 2a + (k, k²): (2X + k)(2Y + k²).
            [Differentiable] public static double Record(V a, double k) { var s = a + a; s = s + new V(k, k * k); return s.X * s.Y; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Ops")!.GetMethod(name)!;

    private static object Make(string type, double x, double y)
    {
        var t = Compiled.Value.GetType(type)!;
        var v = Activator.CreateInstance(t)!;
        t.GetField("X")?.SetValue(v, x);
        t.GetField("Y")?.SetValue(v, y);
        t.GetProperty("X")?.SetValue(v, x);
        t.GetProperty("Y")?.SetValue(v, y);
        return v;
    }

    [Fact]
    public void Operators_ByHand_AndAgainstCentralDifferences()
    {
        var sum = CentralDifferenceRunner.Check(Get("Sum"), null, new object[] { Make("P", 0.5, -1.5), Make("P", 2.0, 0.25) });
        double dot = (0.5 * 2.0) + (-1.5 * 0.25), sx = 2.5;
        Tolerance.AssertFormula(dot + (sx * 2.0), sum.Gradient[0]![0], "dSum/da.X");
        Tolerance.AssertFormula(sx * 0.25, sum.Gradient[0]![1], "dSum/da.Y");
        Tolerance.AssertFormula(dot + (sx * 0.5), sum.Gradient[1]![0], "dSum/db.X");
        Tolerance.AssertFormula(sx * -1.5, sum.Gradient[1]![1], "dSum/db.Y");

        foreach (var (x, y) in new[] { (0.7, -0.4), (-0.7, 0.4) })
        {
            var loop = CentralDifferenceRunner.Check(Get("Loop"), null, new object[] { x, y });
            double sign = x > 0 ? -1 : 1;
            Tolerance.AssertFormula(sign * 5 * x, loop.Gradient[0]![0], "dLoop/dx");
            Tolerance.AssertFormula(sign * 5 * y, loop.Gradient[1]![0], "dLoop/dy");
        }

        var rec = CentralDifferenceRunner.Check(Get("Record"), null, new object[] { Make("V", 0.3, 0.9), 1.2 });
        double a = (2 * 0.3) + 1.2, b = (2 * 0.9) + 1.44;
        Tolerance.AssertFormula(2 * b, rec.Gradient[0]![0], "dRecord/da.X");
        Tolerance.AssertFormula(2 * a, rec.Gradient[0]![1], "dRecord/da.Y");
        Tolerance.AssertFormula(b + (a * 2 * 1.2), rec.Gradient[1]![0], "dRecord/dk");
    }

    [Fact]
    public void ForwardMode_IsBackwardsGradientAlongTheDirection()
    {
        object a = Make("P", 0.5, -1.5), b = Make("P", 2.0, 0.25), ta = Make("P", 1.0, 0.0), tb = Make("P", 0.0, -2.0);
        var args = new object[] { a, b, ta, tb, null! };
        double value = (double)Compiled.Value.GetType("Ops")!.GetMethod("SumForward")!.Invoke(null, args)!;
        var r = CentralDifferenceRunner.Check(Get("Sum"), null, new object[] { a, b });
        Assert.Equal(r.Value, value);
        Tolerance.AssertFormula(r.Gradient[0]![0] + (r.Gradient[1]![1] * -2.0), (double)args[4], "SumForward tResult");
    }
}
