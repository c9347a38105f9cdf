namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>
    /// WithRespectToThis: the object's members are inputs and MBackward takes <c>Model dThis</c> after the adjoints. Not
    /// in <see cref="All"/> (its methods are instance methods); GoldenTests reads it, and ThisGradientTests checks its gradient.
    /// </summary>
    public static class State
    {
        public const string Source = """
            using System;
            using AutoDiffGen;

            namespace Golden.State
            {
                public partial class Perceptron
                {
                    public double[] W = new double[2];
                    public double B;
                    [NoDiff] public double Temperature = 1;

                    /// Softplus loss of a margin: dThis.W[i] += …, dThis.B += …; Temperature stays a constant.
                    [Differentiable(WithRespectToThis = true)]
                    public double Loss([NoDiff] double[] x, [NoDiff] double label)
                    {
                        double z = B;
                        for (int i = 0; i < W.Length; i++) z += W[i] * x[i];
                        return Math.Log(1 + Math.Exp(-label * z / Temperature));
                    }
                }
            }
            """;
    }
}
