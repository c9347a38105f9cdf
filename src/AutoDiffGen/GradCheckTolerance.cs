using System;

namespace AutoDiffGen
{
    /// <summary>
    /// The finite-difference step and the tolerances of a <see cref="GradCheck"/>, for the overloads whose point is a
    /// list of scalars or inputs: there, positional <c>step</c>/<c>relTol</c>/<c>absTol</c> doubles could be mistaken
    /// for one more coordinate of the point.
    /// </summary>
    public readonly struct GradCheckTolerance : IEquatable<GradCheckTolerance>
    {
        /// <summary>Creates a tolerance.</summary>
        /// <param name="step">The finite-difference step <c>h</c>; positive and finite.</param>
        /// <param name="relTol">The relative tolerance; not negative.</param>
        /// <param name="absTol">The absolute tolerance; not negative.</param>
        public GradCheckTolerance(double step, double relTol, double absTol)
        {
            Step = step;
            RelTol = relTol;
            AbsTol = absTol;
        }

        /// <summary>The defaults for <see cref="double"/> functions: <see cref="GradCheck.DefaultStep"/>, <see cref="GradCheck.DefaultRelTol"/>, <see cref="GradCheck.DefaultAbsTol"/>.</summary>
        public static GradCheckTolerance Default => new GradCheckTolerance(GradCheck.DefaultStep, GradCheck.DefaultRelTol, GradCheck.DefaultAbsTol);

        /// <summary>The defaults for <see cref="float"/> functions: <see cref="GradCheck.DefaultFloatStep"/>, <see cref="GradCheck.DefaultFloatRelTol"/>, <see cref="GradCheck.DefaultFloatAbsTol"/>.</summary>
        public static GradCheckTolerance DefaultFloat => new GradCheckTolerance(GradCheck.DefaultFloatStep, GradCheck.DefaultFloatRelTol, GradCheck.DefaultFloatAbsTol);

        /// <summary>The finite-difference step <c>h</c>.</summary>
        public double Step { get; }

        /// <summary>The relative tolerance.</summary>
        public double RelTol { get; }

        /// <summary>The absolute tolerance.</summary>
        public double AbsTol { get; }

        /// <inheritdoc />
        public bool Equals(GradCheckTolerance other) =>
            Step.Equals(other.Step) && RelTol.Equals(other.RelTol) && AbsTol.Equals(other.AbsTol);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is GradCheckTolerance other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => (Step.GetHashCode() * 397) ^ (RelTol.GetHashCode() * 31) ^ AbsTol.GetHashCode();
    }
}
