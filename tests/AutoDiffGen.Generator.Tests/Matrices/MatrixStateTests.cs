using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Matrices;

/// <summary>
/// A model class whose weights are a double[,] and a jagged double[][] (WithRespectToThis): <c>dThis.W</c> and
/// <c>dThis.V</c> get gradients of their shapes, through element reads, a helper taking the double[,] and a helper
/// taking a jagged row. Each element against central differences, the regulariser by hand (∂‖W‖²/∂W = 2W).
/// </summary>
public class MatrixStateTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace Matrices
        {
            public partial class Model
            {
                public double[,] W = { { 0.5, -0.3, 0.2 }, { 0.1, 0.8, -0.6 } };
                public double[][] V = { new[] { 0.4, -0.2, 0.9 }, new[] { -0.7, 0.3, 0.1 } };
                public double[] B = { 0.05, -0.1 };

                [Differentiable] public static double Dot(double[] a, double[] c) { double s = 0; for (int i = 0; i < a.Length; i++) s += a[i] * c[i]; return s; }

                [Differentiable]
                public static double Norm2(double[,] a)
                {
                    double s = 0;
                    for (int i = 0; i < a.GetLength(0); i++)
                        for (int j = 0; j < a.GetLength(1); j++) s += a[i, j] * a[i, j];
                    return s;
                }

                [Differentiable(WithRespectToThis = true)]
                public double Loss(double[] x, double t)
                {
                    double y = 0;
                    for (int k = 0; k < W.GetLength(0); k++)
                    {
                        double z = B[k];
                        for (int j = 0; j < x.Length; j++) z += W[k, j] * x[j];
                        y += Math.Tanh(z) + Dot(V[k], x) * V[k][0];
                    }
                    double e = y - t;
                    return e * e + 0.01 * Norm2(W);
                }

                [Differentiable(WithRespectToThis = true)]
                public double Regulariser() => Norm2(W) + V[1][2];
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type Model => Compiled.Value.GetType("Matrices.Model")!;

    private static readonly double[] X = { 0.3, -0.8, 1.2 };

    [Fact]
    public void Loss_GradientOfTheWeights_MatchesCentralDifferences()
    {
        object model = Activator.CreateInstance(Model)!;
        object dThis = Activator.CreateInstance(Model)!;
        foreach (var name in new[] { "W", "V", "B" }) Zero((Array)Model.GetField(name)!.GetValue(dThis)!);
        var dX = new double[3];
        var args = new object[] { X, 0.4, dX, 0.0, dThis, 1.0 };
        double value = (double)Model.GetMethod("LossBackward")!.Invoke(model, args)!;
        double Loss() => (double)Model.GetMethod("Loss")!.Invoke(model, new object[] { X, 0.4 })!;
        Tolerance.AssertFormula(Loss(), value);
        const double h = 1e-6;

        var w = (double[,])Model.GetField("W")!.GetValue(model)!;
        var dW = (double[,])Model.GetField("W")!.GetValue(dThis)!;
        for (int i = 0; i < w.GetLength(0); i++)
        {
            for (int j = 0; j < w.GetLength(1); j++)
            {
                double w0 = w[i, j];
                w[i, j] = w0 + h;
                double up = Loss();
                w[i, j] = w0 - h;
                double down = Loss();
                w[i, j] = w0;
                Tolerance.AssertCentral((up - down) / (2 * h), dW[i, j], value, "dThis.W[" + i + ", " + j + "]");
            }
        }
        var v = (double[][])Model.GetField("V")!.GetValue(model)!;
        var dV = (double[][])Model.GetField("V")!.GetValue(dThis)!;
        for (int i = 0; i < v.Length; i++)
        {
            for (int j = 0; j < v[i].Length; j++)
            {
                double v0 = v[i][j];
                v[i][j] = v0 + h;
                double up = Loss();
                v[i][j] = v0 - h;
                double down = Loss();
                v[i][j] = v0;
                Tolerance.AssertCentral((up - down) / (2 * h), dV[i][j], value, "dThis.V[" + i + "][" + j + "]");
            }
        }
        for (int j = 0; j < 3; j++)
        {
            double Along(double s) => (double)Model.GetMethod("Loss")!.Invoke(model, new object[] { X.Select((q, k) => k == j ? q + s : q).ToArray(), 0.4 })!;
            Tolerance.AssertCentral((Along(h) - Along(-h)) / (2 * h), dX[j], value, "dX[" + j + "]");
        }
        Tolerance.AssertCentral((Loss2(model, 0.4 + h) - Loss2(model, 0.4 - h)) / (2 * h), (double)args[3], value, "dT");
    }

    private static double Loss2(object model, double t) => (double)Model.GetMethod("Loss")!.Invoke(model, new object[] { X, t })!;

    [Fact]
    public void Regulariser_MatchesHand()
    {
        object model = Activator.CreateInstance(Model)!;
        object dThis = Activator.CreateInstance(Model)!;
        foreach (var name in new[] { "W", "V", "B" }) Zero((Array)Model.GetField(name)!.GetValue(dThis)!);
        Model.GetMethod("RegulariserBackward")!.Invoke(model, new object[] { dThis, 1.0 });
        var w = (double[,])Model.GetField("W")!.GetValue(model)!;
        var dW = (double[,])Model.GetField("W")!.GetValue(dThis)!;
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++) Tolerance.AssertFormula(2 * w[i, j], dW[i, j], "dW[" + i + ", " + j + "]");
        var dV = (double[][])Model.GetField("V")!.GetValue(dThis)!;
        Assert.Equal(new[] { new[] { 0.0, 0, 0 }, new[] { 0.0, 0, 1 } }, dV);
    }

    [Fact]
    public void AnAdjointOfAnotherShape_Throws()
    {
        object model = Activator.CreateInstance(Model)!;
        object dThis = Activator.CreateInstance(Model)!;
        Model.GetField("W")!.SetValue(dThis, new double[3, 2]);
        var e = Assert.Throws<TargetInvocationException>(() => Model.GetMethod("RegulariserBackward")!.Invoke(model, new object[] { dThis, 1.0 }));
        Assert.IsAssignableFrom<ArgumentException>(e.InnerException);
    }

    private static void Zero(Array a)
    {
        if (a is double[][] jagged)
        {
            foreach (var row in jagged) Array.Clear(row);
        }
        else
        {
            Array.Clear(a);
        }
    }
}
