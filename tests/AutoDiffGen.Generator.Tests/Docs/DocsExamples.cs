namespace AutoDiffGen.Generator.Tests;

/// <summary>
/// The methods docs/how-it-works.md shows generated code for and that no other example source has;
/// DocsExcerptTests keeps those excerpts equal to the generator's output for them.
/// </summary>
public static class DocsExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;
        using AutoDiffGen.Tensors;

        public static partial class Demo
        {
            [Differentiable]
            public static double Pow(double x, [NoDiff] int n)
            {
                if (n == 0) return 1.0;
                return x * Pow(x, n - 1);
            }
        }

        namespace Doc
        {
            public static partial class Ex
            {
                [Differentiable] public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

                [Differentiable] public static double TwoCalls(double w, double x) => Sigmoid(w * x) + Sigmoid(x);

                [Differentiable]
                public static double Piecewise(double x, double y)
                {
                    double r;
                    if (x > 1) r = x * y; else r = x * x + y;
                    return r + y;
                }

                public static double Cube(double x) => x * x * x;

                [DerivativeOf(nameof(Cube))]
                public static double CubeBackward(double x, ref double dX, double dResult = 1)
                {
                    dX += 3 * x * x * dResult;
                    return x * x * x;
                }

                public static double Exp2(double x) => Math.Pow(2, x);

                [DerivativeOf(nameof(Exp2))]
                public static void Exp2Pullback(double x, double result, double dResult, ref double dX) =>
                    dX += result * 0.6931471805599453 * dResult;

                [Differentiable] public static double UsesCustom(double x, double y) => Cube(x) + Exp2(y);

                [Differentiable]
                public static double HornerScaled(double[] c, double x, double s)
                {
                    double acc = 0;
                    for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
                    return s * acc;
                }

                [Differentiable]
                public static double Until(double[] xs, double t)
                {
                    double s = 0;
                    for (int i = 0; i < xs.Length; i++) { if (xs[i] > t) break; s += xs[i] * t; }
                    return s;
                }

                [Differentiable]
                public static double Choose(double x, int k)
                {
                    double y = k switch { 0 => x, 1 => x * x, _ => 0.0 };
                    return y;
                }

                [Differentiable]
                public static double Cubed(double x)
                {
                    var t = new double[2];
                    t[0] = x * x;
                    t[0] = t[0] * x;
                    return t[0];
                }

            }

            public static partial class Net
            {
                [Differentiable]
                public static float Loss([NoDiff] Tensor x, Tensor W1, Tensor W2, int[] labels) =>
                    Tensor.SoftmaxCrossEntropy(Tensor.MatMul(Tensor.Relu(Tensor.MatMul(x, W1)), W2), labels);
            }
        }
        """;
}
