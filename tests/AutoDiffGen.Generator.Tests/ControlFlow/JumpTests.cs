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
        Assert.Equal(s, value, 12);
        for (int i = 0; i < 5; i++) Assert.Equal(expected[i], dX[i], 12);
        Assert.Equal(dt, (double)args[3], 12);
    }

    [Fact]
    public void Continue_SkipsNegativeElements()
    {
        var x = new[] { 0.3, -0.6, 0.9, -1.4, 0.2 };
        var dX = new double[5];
        double value = (double)Get("SkipNegativeBackward").Invoke(null, new object[] { x, dX, 1.0 })!;
        Assert.Equal(x.Where(v => v >= 0).Sum(Math.Sin), value, 12);
        for (int i = 0; i < 5; i++) Assert.Equal(x[i] < 0 ? 0 : Math.Cos(x[i]), dX[i], 12);
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
            Assert.Equal(v * v, value, 12);
            Assert.Equal(2 * v * x[hit], (double)args[3], 12);
            Assert.Equal(2 * v * w, dX[hit], 12);
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
