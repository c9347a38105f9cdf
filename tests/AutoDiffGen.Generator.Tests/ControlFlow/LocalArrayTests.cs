using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>Local arrays written in the body, including writes that overwrite earlier values.</summary>
public class LocalArrayTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(ControlFlowExamples.Source));

    [Theory]
    [InlineData(0.3, -1.2)]
    [InlineData(-0.8, 0.5)]
    public void OverwrittenSlots_MatchHandDerivation(double x, double y)
    {
        var (value, g) = new Differentiated(Compiled.Value, "Flow", "Overwrite").Backward(new[] { x, y });
        // t1 = (x·y + y)·eˣ, result = eˣ + t1.
        double e = Math.Exp(x), t1 = (x * y + y) * e;
        Tolerance.AssertFormula(e + t1, value);
        Tolerance.AssertFormula(e + y * e + t1, g[0]);
        Tolerance.AssertFormula((x + 1) * e, g[1]);
    }

    [Fact]
    public void ArrayFilledInALoopAndReadInAnother_MatchesCentralDifferences()
    {
        var random = new Random(9);
        for (int trial = 0; trial < 4; trial++)
        {
            var x = Enumerable.Range(0, 2 + trial * 2).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            var type = Compiled.Value.GetType("Flow")!;
            var dX = new double[x.Length];
            type.GetMethod("PrefixBackward")!.Invoke(null, new object[] { x, dX, 1.0 });
            double F(double[] p) => (double)type.GetMethod("Prefix")!.Invoke(null, new object[] { p })!;
            GradCheck.Check(F, x, dX).ThrowIfFailed();
        }
    }
}
