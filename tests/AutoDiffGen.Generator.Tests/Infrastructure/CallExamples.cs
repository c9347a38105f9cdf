namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>Calls between differentiable methods and to methods with hand-written derivatives.</summary>
public static class CallExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        namespace Calls
        {
            /// A library type the user cannot change: its derivative lives elsewhere.
            public static class Library
            {
                public static double Softplus(double x) => Math.Log(1 + Math.Exp(x));
                public static double Scaled(double x, int times) => x * times;
            }

            public static partial class Activations
            {
                [Differentiable]
                public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

                [Differentiable]
                public static double Neuron(double w, double x, double b) => Sigmoid(w * x + b);
            }

            public static partial class Model
            {
                /// The same callee twice: the gradients add; and a call through two levels.
                [Differentiable]
                public static double TwoNeurons(double w1, double w2, double x)
                {
                    double h = Activations.Neuron(w1, x, 0.5);
                    return Activations.Neuron(w2, h, -0.25) + Activations.Sigmoid(x);
                }

                /// A hand-written derivative in the Backward shape, found next to the method.
                public static double Cube(double x) => x * x * x;

                [DerivativeOf(nameof(Cube))]
                public static double CubeBackward(double x, ref double dX, double dResult = 1)
                {
                    dX += 3 * x * x * dResult;
                    return x * x * x;
                }

                /// A hand-written derivative in the pullback shape, reusing the result.
                public static double Exp2(double x) => Math.Pow(2, x);

                [DerivativeOf(nameof(Exp2))]
                public static void Exp2Pullback(double x, double result, double dResult, ref double dX) =>
                    dX += result * 0.6931471805599453 * dResult;

                /// Derivatives of another type's methods, declared in the caller's type.
                [DerivativeOf(typeof(Library), nameof(Library.Softplus))]
                public static double SoftplusBackward(double x, ref double dX, double dResult = 1)
                {
                    dX += 1 / (1 + Math.Exp(-x)) * dResult;
                    return Library.Softplus(x);
                }

                [DerivativeOf(typeof(Library), nameof(Library.Scaled))]
                public static double ScaledBackward(double x, int times, ref double dX, double dResult = 1)
                {
                    dX += times * dResult;
                    return x * times;
                }

                [Differentiable]
                public static double UsesCustom(double x, double y) =>
                    Cube(x) + Exp2(y) * Library.Softplus(x * y) + Library.Scaled(y, 3) + Cube(2.0);
            }

            public partial class Spring
            {
                public double Stiffness = 2.5;

                [Differentiable]
                public double Energy(double x) => 0.5 * Stiffness * x * x;

                /// An instance call: this.EnergyBackward in the reverse sweep.
                [Differentiable]
                public double TwoSprings(double x, double y) => Energy(x) + this.Energy(x - y);
            }
        }
        """;
}
