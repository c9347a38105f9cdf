using System;
using System.Linq;
using System.Numerics;
using AutoDiffGen;

namespace Gallery;

/// <summary>Optimisation test functions.</summary>
public static partial class TestFunctions
{
    [Differentiable]
    public static double Rosenbrock(double[] x)
    {
        double sum = 0;
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1 - x[i];
            sum += 100 * a * a + b * b;
        }
        return sum;
    }

    [Differentiable]
    public static T Himmelblau<T>(T x, T y) where T : IFloatingPointIeee754<T>
    {
        T a = x * x + y - T.CreateChecked(11);
        T b = x + y * y - T.CreateChecked(7);
        return a * a + b * b;
    }

    [Differentiable]
    public static double Rastrigin(double[] x) =>
        10 * x.Length + x.Sum(v => v * v - 10 * Math.Cos(2 * Math.PI * v));

    [Differentiable]
    public static double Beale(double x, double y) =>
        Math.Pow(1.5 - x + x * y, 2) + Math.Pow(2.25 - x + x * y * y, 2) + Math.Pow(2.625 - x + x * y * y * y, 2);

    [Differentiable]
    public static double Booth(double x, double y) => (x + 2 * y - 7) * (x + 2 * y - 7) + (2 * x + y - 5) * (2 * x + y - 5);

    [Differentiable]
    public static double Ackley(double[] x)
    {
        double squares = 0, cosines = 0;
        for (int i = 0; i < x.Length; i++)
        {
            squares += x[i] * x[i];
            cosines += Math.Cos(2 * Math.PI * x[i]);
        }
        int n = x.Length;
        return -20 * Math.Exp(-0.2 * Math.Sqrt(squares / n)) - Math.Exp(cosines / n) + 20 + Math.E;
    }
}
