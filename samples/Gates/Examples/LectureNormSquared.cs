using AutoDiffGen;

namespace GatesSample.Examples
{
    internal static partial class Lecture
    {
        /// <summary>The lecture's vectorized example f(W, x) = ‖W·x‖², written out on scalars for a 2×2 W.</summary>
        [Differentiable(Graph = true)]
        public static double NormSquared(double w00, double w01, double w10, double w11, double x0, double x1)
        {
            double q0 = w00 * x0 + w01 * x1;
            double q1 = w10 * x0 + w11 * x1;
            return q0 * q0 + q1 * q1;
        }

        /// <summary>At W = [[0.1, 0.5], [−0.3, 0.8]], x = (0.2, 0.4) the slide gives ∂f/∂W = 2q·xᵀ and ∂f/∂x = 2Wᵀ·q with q = W·x.</summary>
        public static WorkedExample NormSquaredExample()
        {
            double[] p = { 0.1, 0.5, -0.3, 0.8, 0.2, 0.4 };
            double dw00 = 0, dw01 = 0, dw10 = 0, dw11 = 0, dx0 = 0, dx1 = 0;
            double f = NormSquaredBackward(p[0], p[1], p[2], p[3], p[4], p[5], ref dw00, ref dw01, ref dw10, ref dw11, ref dx0, ref dx1);
            double[] gradient = { dw00, dw01, dw10, dw11, dx0, dx1 };
            return new WorkedExample
            {
                Title = "‖W·x‖² on scalars",
                Function = "f(W, x) = ‖W·x‖² = (w00·x0 + w01·x1)² + (w10·x0 + w11·x1)²",
                Inputs = new[] { "w00", "w01", "w10", "w11", "x0", "x1" },
                Point = p,
                Value = f,
                Gradient = gradient,
                LectureSource = "slides",
                LectureValue = 0.116,
                LectureGradient = new[] { 0.088, 0.176, 0.104, 0.208, -0.112, 0.636 },
                // The slide's numbers are exact; only binary rounding of 0.1 etc. separates them from ours.
                LectureTolerance = 1e-12,
                LectureFormat = "0.000",
                Check = WorkedExample.CheckNumerically(v => NormSquared(v[0], v[1], v[2], v[3], v[4], v[5]), p, gradient),
            };
        }
    }
}
