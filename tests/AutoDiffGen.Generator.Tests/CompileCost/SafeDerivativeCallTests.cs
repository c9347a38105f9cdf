using System.Reflection;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Internals;
using Xunit;

namespace AutoDiffGen.Generator.Tests.CompileCost;

/// <summary>
/// At double, generated code calls <see cref="SafeDerivatives"/> for tanh's and the sigmoid's derivatives instead of
/// writing the generator's inline form at every gate (a compile-time saving, docs/performance.md). The call must give
/// the inline form's bits: here both are compiled side by side and compared over ordinary, extreme, subnormal and
/// non-finite arguments; and the generated text says which one it wrote.
/// </summary>
public class SafeDerivativeCallTests
{
    private static readonly double[] Arguments =
    {
        0.0, -0.0, 1e-320, -1e-320, 1e-300, 0.1, -0.1, 0.5, -0.5, 0.5493, 0.55, 1.0, -1.0, 1.0986, 1.1, 2.0, -3.0, 9.0, 18.9, 19.1, -19.1, 37.0, -37.0,
        300.0, 372.0, -372.0, 709.0, -709.9, -745.0, 1e10, -1e10, 1e300, -1e300, double.MaxValue, double.MinValue,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    };

    private static MethodInfo Inline(string name, string body)
    {
        // Anchor: the harness wants something generated.
        var assembly = GeneratorHarness.CompileAndLoad("public static partial class InlineForms { [AutoDiffGen.Differentiable] public static double Anchor(double x) => x;"
            + " public static double " + name + "(double a, double y) => " + body + "; }");
        return assembly.GetType("InlineForms")!.GetMethod(name)!;
    }

    [Fact]
    public void Tanh_call_gives_the_inline_forms_bits()
    {
        var inline = Inline("Tanh", SafeForms.TanhInline("a", "y", ScalarType.Double));
        foreach (double x in Arguments)
        {
            double y = System.Math.Tanh(x);
            double expected = (double)inline.Invoke(null, new object[] { x, y })!;
            Assert.Equal(System.BitConverter.DoubleToInt64Bits(expected), System.BitConverter.DoubleToInt64Bits(SafeDerivatives.Tanh(x, y)));
        }
        // and the test can fail: a different form gives different bits somewhere on the grid
        var naive = Inline("Naive", "1.0 - y * y");
        Assert.Contains(Arguments, x => System.BitConverter.DoubleToInt64Bits((double)naive.Invoke(null, new object[] { x, System.Math.Tanh(x) })!)
            != System.BitConverter.DoubleToInt64Bits(SafeDerivatives.Tanh(x, System.Math.Tanh(x))));
    }

    [Fact]
    public void Sigmoid_call_gives_the_inline_forms_bits()
    {
        var inline = Inline("Sigmoid", SafeForms.SigmoidInline("a", "y", ScalarType.Double));
        foreach (double z in Arguments)
        {
            double s = 1.0 / (1.0 + System.Math.Exp(-z));
            double expected = (double)inline.Invoke(null, new object[] { z, s })!;
            Assert.Equal(System.BitConverter.DoubleToInt64Bits(expected), System.BitConverter.DoubleToInt64Bits(SafeDerivatives.Sigmoid(z, s)));
        }
    }

    [Fact]
    public void Double_gates_call_the_helper_float_and_generic_write_the_form_out()
    {
        var output = GeneratorHarness.Run("""
            using System;
            using System.Numerics;
            using AutoDiffGen;
            namespace P;
            public static partial class F
            {
                [Differentiable] public static double D(double x) => Math.Tanh(x) + 1.0 / (1.0 + Math.Exp(-x));
                [Differentiable] public static float S(float x) => MathF.Tanh(x) + 1f / (1f + MathF.Exp(-x));
                [Differentiable] public static T G<T>(T x) where T : IFloatingPointIeee754<T> => T.Tanh(x) + T.One / (T.One + T.Exp(-x));
            }
            """);
        string Text(string method) => output.Generated.Single(kv => kv.Key.Contains("F." + method + "_", System.StringComparison.Ordinal)).Value;
        Assert.Contains(SafeForms.Helper + "Tanh(x, tanh)", Text("D"));
        Assert.Contains(SafeForms.Helper + "Sigmoid(x, sigmoid)", Text("D"));
        Assert.DoesNotContain(SafeForms.Helper, Text("S"));
        Assert.DoesNotContain(SafeForms.Helper, Text("G"));
        Assert.Contains("T.Abs(tanh) < T.CreateTruncating(0.5)", Text("G"));
    }
}
