using AutoDiffGen;

namespace GatesSample.Examples
{
    internal static partial class Lecture
    {
        /// <summary>The lecture's first example: f(x, y, z) = (x + y) · z.</summary>
        [Differentiable(Graph = true)]
        public static double Simple(double x, double y, double z)
        {
            double q = x + y;
            double f = q * z;
            return f;
        }

        /// <summary>At (−2, 5, −4) the slide gives f = −12 and ∇f = (−4, −4, 3).</summary>
        public static WorkedExample SimpleExample()
        {
            double[] p = { -2, 5, -4 };
            double dx = 0, dy = 0, dz = 0;
            double f = SimpleBackward(p[0], p[1], p[2], ref dx, ref dy, ref dz);
            double[] gradient = { dx, dy, dz };
            return new WorkedExample
            {
                Title = "(x + y) · z, the first example",
                Function = "f(x, y, z) = (x + y) · z",
                Inputs = new[] { "x", "y", "z" },
                Point = p,
                Value = f,
                Gradient = gradient,
                LectureSource = "slides",
                LectureValue = -12,
                LectureGradient = new double[] { -4, -4, 3 },
                LectureTolerance = 1e-12,
                Check = WorkedExample.CheckNumerically(v => Simple(v[0], v[1], v[2]), p, gradient),
            };
        }
    }
}
