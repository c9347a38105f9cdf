using System;
using AutoDiffGen;

namespace GatesSample.Examples
{
    internal static partial class Lecture
    {
        /// <summary>The lecture's gate circuit 2·(x·y + max(z, w)): the add gate distributes, the mul gate swaps, the max gate routes.</summary>
        [Differentiable(Graph = true)]
        public static double AddMulMax(double x, double y, double z, double w)
        {
            double xy = x * y;
            double m = Math.Max(z, w);
            double s = xy + m;
            return 2.0 * s;
        }

        /// <summary>At x = 3, y = −4, z = 2, w = −1 the slide gives ∇f = (−8, 6, 2, 0): w loses the max, so it gets nothing.</summary>
        public static WorkedExample AddMulMaxExample()
        {
            double[] p = { 3, -4, 2, -1 };
            double dx = 0, dy = 0, dz = 0, dw = 0;
            double f = AddMulMaxBackward(p[0], p[1], p[2], p[3], ref dx, ref dy, ref dz, ref dw);
            double[] gradient = { dx, dy, dz, dw };
            return new WorkedExample
            {
                Title = "the add, mul and max gates",
                Function = "f(x, y, z, w) = 2 · (x·y + max(z, w))",
                Inputs = new[] { "x", "y", "z", "w" },
                Point = p,
                Value = f,
                Gradient = gradient,
                LectureSource = "slides",
                LectureValue = -20,
                LectureGradient = new double[] { -8, 6, 2, 0 },
                LectureTolerance = 1e-12,
                Check = WorkedExample.CheckNumerically(v => AddMulMax(v[0], v[1], v[2], v[3]), p, gradient),
            };
        }
    }
}
