using System;

namespace AutoDiffGen.Benchmarks.Hessian
{
    /// <summary>
    /// The shapes Hessian mode gained on 2026-12-02 (issue 14 item 3's leftovers): extended Rosenbrock written with a local
    /// array of residuals, and through a double helper in a loop, and the 2-D Rosenbrock in float calling a float helper.
    /// </summary>
    public static partial class HessianVectorFunctions
    {
        /// <summary>Σ (1 − xᵢ)² + 100 (xᵢ₊₁ − xᵢ²)², the residuals in a local array.</summary>
        [Differentiable(Hessian = true)]
        public static double RosenbrockLocal(double[] x)
        {
            int n = x.Length;
            var r = new double[n - 1];
            for (int i = 0; i < n - 1; i++) r[i] = x[i + 1] - x[i] * x[i];
            double f = 0;
            for (int i = 0; i < n - 1; i++) f += (1 - x[i]) * (1 - x[i]) + 100 * r[i] * r[i];
            return f;
        }

        [Differentiable(Hessian = true)]
        public static float SquareF(float u) => u * u;

        /// <summary>One term of the extended Rosenbrock function.</summary>
        [Differentiable(Hessian = true)]
        public static double RosenbrockTerm(double a, double b) => (1 - a) * (1 - a) + 100 * (b - a * a) * (b - a * a);

        /// <summary>Extended Rosenbrock, each term through a double helper called in a (taped) loop.</summary>
        [Differentiable(Hessian = true)]
        public static double RosenbrockCall(double[] x)
        {
            double f = 0;
            for (int i = 0; i < x.Length - 1; i++) f += RosenbrockTerm(x[i], x[i + 1]);
            return f;
        }

        /// <summary>(1 − x)² + 100·(y − x²)² in float, its squares through a float helper.</summary>
        [Differentiable(Hessian = true)]
        public static float RosenbrockFloatCall(float x, float y) => SquareF(1 - x) + 100 * SquareF(y - x * x);
    }
}
