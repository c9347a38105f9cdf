using AutoDiffGen;

namespace NewtonSample;

/// <summary>The extended Rosenbrock function Σ 100(x[i+1] − x[i]²)² + (1 − x[i])², minimum 0 at (1, …, 1).</summary>
public static partial class Objective
{
    [Differentiable(Hessian = true)]
    public static double Rosenbrock(double[] x)
    {
        double sum = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = 1 - x[i];
            double b = x[i + 1] - x[i] * x[i];
            sum += a * a + 100 * b * b;
        }
        return sum;
    }
}
