using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.StructMethods;

/// <summary>
/// A model class's own plain helper taking the sample as an array (<c>double Predict(double[] x)</c> with a loop over
/// the weights, natural15's T08), called on this from its loss: inlined as a helper taking reals is, the array parameter
/// standing for the caller's array (a jagged row, a parameter, a ReadOnlySpan), its reads of the object the caller's
/// (inputs under WithRespectToThis). Before natural15 it was ADG0003 under WithRespectToThis. One that writes the array
/// it is passed stays ADG0003, at the call, saying so. Checked by hand and by central differences.
/// </summary>
public class ThisHelperArrayTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public partial class Linear
        {
            public double[] W = { 0.3, -0.2, 0.5 };
            public double B = 0.1;

            public double Predict(double[] x)
            {
                double z = B;
                for (int j = 0; j < W.Length; j++) z += W[j] * x[j];
                return Math.Tanh(z);
            }

            public double Score(ReadOnlySpan<double> x) => W[0] * x[0] + W[1] * x[1] * x[1];

            [Differentiable(WithRespectToThis = true)]
            public double Loss([NoDiff] double[][] xs, [NoDiff] double[] ys)
            {
                double s = 0;
                for (int n = 0; n < xs.Length; n++)
                {
                    double e = Predict(xs[n]) - ys[n];
                    s += e * e;
                }
                return s;
            }

            // The sample itself differentiated: W and B constants here (no opt-in).
            [Differentiable]
            public double Sensitivity(double[] x) => Predict(x) * Score(x);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void LossOverJaggedRows_TheWeightsByHand_AndCentralDifferences()
    {
        var type = Compiled.Value.GetType("Linear")!;
        var model = Activator.CreateInstance(type)!;
        var grad = Activator.CreateInstance(type)!;
        Array.Clear((double[])type.GetField("W")!.GetValue(grad)!);
        type.GetField("B")!.SetValue(grad, 0.0);
        var xs = new[] { new[] { 1.0, 0.5, -0.3 }, new[] { -0.4, 2.0, 0.7 } };
        var ys = new[] { 0.2, -0.1 };
        double value = (double)type.GetMethod("LossBackward")!.Invoke(model, new object[] { xs, ys, grad, 1.0 })!;
        var w = (double[])type.GetField("W")!.GetValue(model)!;
        var dW = (double[])type.GetField("W")!.GetValue(grad)!;
        double loss = 0;
        var hand = new double[3];
        double handB = 0;
        foreach (var (x, y) in xs.Zip(ys))
        {
            double p = Math.Tanh(0.1 + (w[0] * x[0]) + (w[1] * x[1]) + (w[2] * x[2])), e = p - y;
            loss += e * e;
            // ∂/∂W_j = 2 e (1 − p²) x_j, ∂/∂B = 2 e (1 − p²).
            for (int j = 0; j < 3; j++) hand[j] += 2 * e * (1 - (p * p)) * x[j];
            handB += 2 * e * (1 - (p * p));
        }
        Tolerance.AssertFormula(loss, value, "value");
        for (int j = 0; j < 3; j++) Tolerance.AssertFormula(hand[j], dW[j], "∂/∂W" + j);
        Tolerance.AssertFormula(handB, (double)type.GetField("B")!.GetValue(grad)!, "∂/∂B");
        var lossMethod = type.GetMethod("Loss")!;
        for (int j = 0; j < 3; j++)
        {
            double keep = w[j];
            w[j] = keep + 1e-6;
            double up = (double)lossMethod.Invoke(model, new object[] { xs, ys })!;
            w[j] = keep - 1e-6;
            double down = (double)lossMethod.Invoke(model, new object[] { xs, ys })!;
            w[j] = keep;
            Tolerance.AssertCentral((up - down) / 2e-6, dW[j], up, "central ∂/∂W" + j);
        }
    }

    [Fact]
    public void TheSampleDifferentiated_ThroughAnArrayAndASpanParameter()
    {
        var type = Compiled.Value.GetType("Linear")!;
        var model = Activator.CreateInstance(type)!;
        var x = new[] { 0.4, -0.8, 1.1 };
        var r = CentralDifferenceRunner.Check(type.GetMethod("Sensitivity")!, model, new object[] { x });
        // f = p·q, p = tanh(B + W·x), q = W0 x0 + W1 x1²: ∂f/∂x0 = (1 − p²) W0 q + p W0.
        double p = Math.Tanh(0.1 + (0.3 * x[0]) - (0.2 * x[1]) + (0.5 * x[2])), q = (0.3 * x[0]) - (0.2 * x[1] * x[1]);
        Tolerance.AssertFormula(((1 - (p * p)) * 0.3 * q) + (p * 0.3), r.Gradient[0]![0], "∂/∂x0");
        Tolerance.AssertFormula(((1 - (p * p)) * -0.2 * q) + (p * -0.4 * x[1]), r.Gradient[0]![1], "∂/∂x1");
    }

    [Theory]
    [InlineData("x[0] = 0;", "writes into an element of its array argument 'x'")]
    [InlineData("x[1] *= 2;", "writes into an element of its array argument 'x'")]
    [InlineData("x = new double[3];", "assigns its array parameter 'x'")]
    public void AHelperWritingItsArray_IsADG0003AtTheCall(string write, string says)
    {
        string source = Source.Replace("double z = B;", write + " double z = B;", StringComparison.Ordinal);
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, d => Assert.Equal("ADG0003", d.Id));
        // At each call: Predict(xs[n]) in Loss and Predict(x) in Sensitivity.
        Assert.Contains(errors, d => d.Location.SourceSpan.Start == source.IndexOf("Predict(xs[n])", StringComparison.Ordinal));
        Assert.Contains(errors, d => d.Location.SourceSpan.Start == source.IndexOf("Predict(x) * Score(x)", StringComparison.Ordinal));
        Assert.All(errors, d => Assert.Contains(says, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("LossBackward", StringComparison.Ordinal));
    }
}
