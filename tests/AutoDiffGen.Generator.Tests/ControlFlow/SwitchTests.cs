using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>switch statements and switch expressions over a non-differentiated selector.</summary>
public class SwitchTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(ControlFlowExamples.Source));

    private static (double Value, double Gradient) Run(string name, double x, int k)
    {
        var args = new object[] { x, k, 0.0, 1.0 };
        double value = (double)Compiled.Value.GetType("Flow")!.GetMethod(name + "Backward")!.Invoke(null, args)!;
        return (value, (double)args[2]);
    }

    [Theory]
    [InlineData(0.7, 0)]
    [InlineData(0.7, 1)]
    [InlineData(-0.7, 2)]
    [InlineData(-0.7, 9)]
    [InlineData(0.7, 9)]
    public void SwitchStatement_WithReturns_TakesTheSectionsDerivative(double x, int kind)
    {
        var (value, g) = Run("Activation", x, kind);
        double s = 1 / (1 + Math.Exp(-x)), t = Math.Tanh(x);
        var (expectedValue, expectedGradient) = kind switch
        {
            0 => (t, 1 - t * t),
            1 or 2 => (s, s * (1 - s)),
            _ => (Math.Max(0, x), x > 0 ? 1.0 : 0.0),
        };
        Tolerance.AssertFormula(expectedValue, value);
        Tolerance.AssertFormula(expectedGradient, g);
    }

    [Theory]
    [InlineData(0.4, 0)]
    [InlineData(0.4, 1)]
    [InlineData(0.4, 7)]
    public void SwitchStatement_WithBreaks_MergesTheAssignedValue(double x, int kind)
    {
        var (value, g) = Run("Scaled", x, kind);
        var (v, d) = kind switch
        {
            0 => (x * x * x, 3 * x * x),
            1 => (Math.Sin(x) * x, Math.Cos(x) * x + Math.Sin(x)),
            _ => (x, 1.0),
        };
        Tolerance.AssertFormula(v, value);
        Tolerance.AssertFormula(d, g);
    }

    [Theory]
    [InlineData(1.5, 0)]
    [InlineData(1.5, -3)]
    [InlineData(1.5, 7)]
    [InlineData(-1.5, 7)]
    [InlineData(1.5, 4)]
    public void SwitchExpression_WithRelationalPatternsAndGuards_MatchesCentralDifferences(double x, int k)
    {
        var (_, g) = Run("Expr", x, k);
        var primal = Compiled.Value.GetType("Flow")!.GetMethod("Expr")!;
        GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p[0], k })!, new[] { x }, new[] { g }).ThrowIfFailed();
    }
}
