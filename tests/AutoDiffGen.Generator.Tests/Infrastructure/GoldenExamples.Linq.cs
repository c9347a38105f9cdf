namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>LINQ over arrays, lowered to the loop it runs: a dot product by Zip, Max with LINQ's tie and NaN rules and its empty check.</summary>
    public static class Linq
    {
        public const string Source = """
            using System;
            using System.Linq;
            using AutoDiffGen;

            namespace Golden.Linq
            {
                public static partial class Sequences
                {
                    /// Zip then Sum: one loop over the shorter length; each product's gradient lands in both slots.
                    [Differentiable]
                    public static double Dot(double[] x, double[] y) => x.Zip(y, (a, b) => a * b).Sum();

                    /// Max of a Select: throws on no elements as LINQ does; the gradient goes to the first arg-max.
                    [Differentiable]
                    public static double Peak(double[] x, double w) => x.Select(v => w * v * v).Max();
                }
            }
            """;
    }
}
