using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests;

/// <summary>Calls to [Differentiable] methods and to [DerivativeOf] methods, against hand derivations and central differences.</summary>
public class CallTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(CallExamples.Source));

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Theory]
    [InlineData(0.3, -1.2, 0.8)]
    [InlineData(-2.0, 0.5, 1.5)]
    public void SameCalleeTwiceAndTwoLevels_GradientsAdd(double w1, double w2, double x)
    {
        var method = new Differentiated(Compiled.Value, "Calls.Model", "TwoNeurons");
        var (value, g) = method.Backward(new[] { w1, w2, x });

        double h = Sigmoid(w1 * x + 0.5), o = Sigmoid(w2 * h - 0.25), s = Sigmoid(x);
        double dh = o * (1 - o) * w2;
        Tolerance.AssertFormula(o + s, value);
        Tolerance.AssertFormula(dh * h * (1 - h) * x, g[0]);
        Tolerance.AssertFormula(o * (1 - o) * h, g[1]);
        // x fans out into the first neuron and the separate sigmoid: both contributions add.
        Tolerance.AssertFormula(dh * h * (1 - h) * w1 + s * (1 - s), g[2]);
        GradCheck.Check(p => method.Value(p), new[] { w1, w2, x }, g).ThrowIfFailed();
    }

    [Theory]
    [InlineData(0.7, -0.4)]
    [InlineData(-1.1, 1.3)]
    public void CustomDerivatives_InBothShapesAndForAnotherType_AreUsed(double x, double y)
    {
        var method = new Differentiated(Compiled.Value, "Calls.Model", "UsesCustom");
        var (_, g) = method.Backward(new[] { x, y });
        double p = Math.Pow(2, y), sp = Math.Log(1 + Math.Exp(x * y)), sg = Sigmoid(x * y);
        Tolerance.AssertFormula(3 * x * x + p * sg * y, g[0]);
        Tolerance.AssertFormula(p * Math.Log(2) * sp + p * sg * x + 3, g[1]);
        GradCheck.Check(q => method.Value(q), new[] { x, y }, g).ThrowIfFailed();
    }

    [Fact]
    public void CustomDerivatives_AreCalledByTheGeneratedCode()
    {
        var generated = GeneratorHarness.Run(CallExamples.Source).Generated;
        string code = generated.Single(kv => kv.Key.Contains("UsesCustom")).Value;
        Assert.Contains("global::Calls.Model.CubeBackward(", code);
        Assert.Contains("global::Calls.Model.Exp2Pullback(", code);
        Assert.Contains("global::Calls.Model.SoftplusBackward(", code);
        Assert.Contains("global::Calls.Model.ScaledBackward(", code);
    }

    [Fact]
    public void InstanceCalls_UseThisBackward()
    {
        var type = Compiled.Value.GetType("Calls.Spring")!;
        object spring = Activator.CreateInstance(type)!;
        var args = new object[] { 1.5, 0.5, 0.0, 0.0, 1.0 };
        double value = (double)type.GetMethod("TwoSpringsBackward")!.Invoke(spring, args)!;
        Tolerance.AssertFormula(0.5 * 2.5 * (1.5 * 1.5 + 1.0), value);
        Tolerance.AssertFormula(2.5 * 1.5 + 2.5 * 1.0, (double)args[2]);
        Tolerance.AssertFormula(-2.5 * 1.0, (double)args[3]);
    }
}
