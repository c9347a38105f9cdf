using System;
using AutoDiffGen;

namespace GatesSample.Examples
{
    /// <summary>One worked example, evaluated: what the lecture says next to what the generated Backward and central differences say.</summary>
    internal sealed class WorkedExample
    {
        public required string Title { get; init; }

        /// <summary>The function as the lecture writes it.</summary>
        public required string Function { get; init; }

        public required string[] Inputs { get; init; }

        public required double[] Point { get; init; }

        /// <summary>The value the generated Backward returned.</summary>
        public required double Value { get; init; }

        /// <summary>The gradient the generated Backward accumulated, one component per input.</summary>
        public required double[] Gradient { get; init; }

        /// <summary>Where the lecture's numbers come from (slides, notes, a hand-derived pass).</summary>
        public required string LectureSource { get; init; }

        public required double LectureValue { get; init; }

        public required double[] LectureGradient { get; init; }

        /// <summary>How far the lecture's numbers may be from ours: the slides round to 2 decimals.</summary>
        public required double LectureTolerance { get; init; }

        /// <summary>How to print the lecture's numbers: as the lecture printed them.</summary>
        public string LectureFormat { get; init; } = "G6";

        public required GradCheckResult Check { get; init; }

        /// <summary>Extra lines printed under the table (the staged example's hand-derived pass).</summary>
        public string[] Notes { get; init; } = Array.Empty<string>();

        public bool ValueAgrees => Agrees(Value, LectureValue);

        public bool GradientAgrees(int i) => Agrees(Gradient[i], LectureGradient[i]);

        public bool AgreesWithLecture
        {
            get
            {
                if (!ValueAgrees) return false;
                for (int i = 0; i < Gradient.Length; i++)
                {
                    if (!GradientAgrees(i)) return false;
                }

                return true;
            }
        }

        public bool Passed => AgreesWithLecture && Check.Passed;

        // Written so that NaN disagrees.
        private bool Agrees(double ours, double lecture) => Math.Abs(ours - lecture) <= LectureTolerance;

        /// <summary>Central differences of <paramref name="f"/> against the generated gradient, with GradCheck's double defaults.</summary>
        public static GradCheckResult CheckNumerically(Func<double[], double> f, double[] point, double[] gradient) =>
            GradCheck.Check(f, (double[])point.Clone(), gradient);
    }
}
