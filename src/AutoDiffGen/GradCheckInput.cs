using System;

namespace AutoDiffGen
{
    /// <summary>
    /// One input of <see cref="GradCheck.Check(Func{double}, GradCheckInput[])"/>: an array the checked function reads
    /// (through its closure), and the analytic gradient of the function with respect to that array.
    /// </summary>
    /// <remarks>A scalar input is a one-element array that the function reads as <c>s[0]</c>.</remarks>
    public sealed class GradCheckInput
    {
        /// <summary>Creates an input.</summary>
        /// <param name="name">The name the report uses, as in <c>w[3]</c>.</param>
        /// <param name="point">The array the function reads; perturbed in place one component at a time and restored.</param>
        /// <param name="gradient">The analytic gradient with respect to <paramref name="point"/>, of the same length.</param>
        public GradCheckInput(string name, double[] point, double[] gradient)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Point = point ?? throw new ArgumentNullException(nameof(point));
            Gradient = gradient ?? throw new ArgumentNullException(nameof(gradient));
            if (point.Length != gradient.Length)
            {
                throw new ArgumentException(
                    FormattableString.Invariant($"the gradient of '{name}' has {gradient.Length} components but the input has {point.Length}."),
                    nameof(gradient));
            }
        }

        /// <summary>The name the report uses.</summary>
        public string Name { get; }

        /// <summary>The array the function reads.</summary>
        public double[] Point { get; }

        /// <summary>The analytic gradient with respect to <see cref="Point"/>.</summary>
        public double[] Gradient { get; }
    }
}
