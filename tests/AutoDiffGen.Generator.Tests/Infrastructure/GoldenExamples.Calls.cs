namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>Calls to [Differentiable] methods, both [DerivativeOf] shapes, instance methods and [NoDiff].</summary>
    public static class Calls
    {
        public const string Source = """
            using System;
            using AutoDiffGen;

            namespace Golden.Calls
            {
                public static partial class Functions
                {
                    [Differentiable]
                    public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

                    /// A call to another [Differentiable] method, twice, with a fan-out of x.
                    [Differentiable]
                    public static double TwoNeurons(double w1, double w2, double x)
                    {
                        double h = Sigmoid(w1 * x);
                        return Sigmoid(w2 * h + x);
                    }

                    /// A hand-written derivative in the Backward shape.
                    public static double Cube(double x) => x * x * x;

                    [DerivativeOf(nameof(Cube))]
                    public static double CubeBackward(double x, ref double dX, double dResult = 1)
                    {
                        dX += 3 * x * x * dResult;
                        return x * x * x;
                    }

                    /// A hand-written derivative in the pullback shape, reusing the forward result.
                    public static double Exp2(double x) => Math.Pow(2, x);

                    [DerivativeOf(nameof(Exp2))]
                    public static void Exp2Pullback(double x, double result, double dResult, ref double dX) =>
                        dX += result * 0.6931471805599453 * dResult;

                    /// Both hand-written shapes used from one body.
                    [Differentiable]
                    public static double UsesDerivatives(double x, double y) => Cube(x) * Exp2(y) + Cube(y);
                }

                /// Instance methods reading a field; the data point and target are [NoDiff].
                public partial class LinearModel
                {
                    public double Bias = 0.25;

                    [Differentiable]
                    public double Predict(double w, [NoDiff] double x) => w * x + Bias;

                    [Differentiable]
                    public double SquaredError(double w, [NoDiff] double x, [NoDiff] double target)
                    {
                        double e = Predict(w, x) - target;
                        return e * e;
                    }
                }
            }
            """;
    }
}
