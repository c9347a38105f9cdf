using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>break, continue and return inside loops, against hand derivations and central differences.</summary>
public class JumpTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(ControlFlowExamples.Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Flow")!.GetMethod(name)!;

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.2)]
    [InlineData(3.0)]
    public void Break_StopsTheSumAndItsGradient(double t)
    {
        var x = new[] { 0.3, 0.6, 0.9, 1.4, 0.2 };
        var dX = new double[5];
        var args = new object[] { x, t, dX, 0.0, 1.0 };
        double value = (double)Get("FirstAboveBackward").Invoke(null, args)!;
        double s = 0, dt = 0;
        var expected = new double[5];
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] * t > 1) break;
            s += x[i] * x[i] * t;
            expected[i] = 2 * x[i] * t;
            dt += x[i] * x[i];
        }
        // Sums over at most 5 elements, each term 2 or 3 roundings deep.
        Tolerance.AssertClose(s, value, Tolerance.ForSum(5 + 3, x.Sum(v => v * v * Math.Abs(t))), "value");
        for (int i = 0; i < 5; i++) Tolerance.AssertFormula(expected[i], dX[i], $"dX[{i}]");
        Tolerance.AssertClose(dt, (double)args[3], Tolerance.ForSum(5 + 2, x.Sum(v => v * v)), "dT");
    }

    [Fact]
    public void Continue_SkipsNegativeElements()
    {
        var x = new[] { 0.3, -0.6, 0.9, -1.4, 0.2 };
        var dX = new double[5];
        double value = (double)Get("SkipNegativeBackward").Invoke(null, new object[] { x, dX, 1.0 })!;
        Tolerance.AssertClose(x.Where(v => v >= 0).Sum(Math.Sin), value, Tolerance.ForSum(5 + 1, x.Sum(v => Math.Abs(Math.Sin(v)))), "value");
        for (int i = 0; i < 5; i++) Tolerance.AssertFormula(x[i] < 0 ? 0 : Math.Cos(x[i]), dX[i], $"dX[{i}]");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.5)]
    [InlineData(-1.0)]
    public void ReturnInsideALoop_ReturnsTheFoundValueAndItsGradient(double w)
    {
        var x = new[] { 0.3, 0.7, 1.1 };
        var dX = new double[3];
        var args = new object[] { x, w, dX, 0.0, 1.0 };
        double value = (double)Get("SearchBackward").Invoke(null, args)!;
        int hit = Array.FindIndex(x, v => v * w > 2);
        if (hit < 0)
        {
            Assert.Equal(w, value);
            Assert.Equal(1.0, (double)args[3]);
            Assert.All(dX, d => Assert.Equal(0.0, d));
        }
        else
        {
            double v = x[hit] * w;
            Tolerance.AssertFormula(v * v, value);
            Tolerance.AssertFormula(2 * v * x[hit], (double)args[3]);
            Tolerance.AssertFormula(2 * v * w, dX[hit]);
        }
    }

    [Theory]
    [InlineData("NestedReturn", 0.5, 4)]
    [InlineData("NestedReturn", 2.0, 3)]
    [InlineData("NestedReturn", 0.1, 2)]
    public void ReturnFromNestedLoops_MatchesCentralDifferences(string name, double x, int n)
    {
        var primal = Get(name);
        var args = new object[] { x, n, 0.0, 1.0 };
        double value = (double)Get(name + "Backward").Invoke(null, args)!;
        Assert.Equal((double)primal.Invoke(null, new object[] { x, n })!, value);
        GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p[0], n })!, new[] { x }, new[] { (double)args[2] }).ThrowIfFailed();
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(7.5)]
    [InlineData(40.0)]
    public void WhileTrueWithBreak_MatchesCentralDifferences(double x)
    {
        var method = new Differentiated(Compiled.Value, "Flow", "WhileTrue");
        var (value, g) = method.Backward(new[] { x });
        Assert.Equal(method.Value(x), value);
        GradCheck.Check(p => method.Value(p), new[] { x }, g).ThrowIfFailed();
    }
}
