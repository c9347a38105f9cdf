// Port of GradBench's `saddle` eval (https://github.com/gradbench/gradbench, evals/saddle,
// cpp/gradbench/evals/saddle.hpp and cpp/gradbench/gd.hpp; MIT License, Copyright (c) 2024 Sam Estep), after Pearlmutter
// and Siskind: min over p1 of (max over p2 of f(p1, p2)), each by gradient descent, the inner one inside the outer
// objective, so the outer gradient differentiates through the inner descent (nested AD, here reverse over reverse).
using AutoDiffGen;

namespace GradBench;

public static partial class Saddle
{
    [Differentiable]
    public static double Objective(double x1, double y1, double x2, double y2) => (x1 * x1 + y1 * y1) - (x2 * x2 + y2 * y2);

    /// <summary>max over p2 of Objective(p1, p2), by gradient descent on its negation from start (gd.hpp).</summary>
    [Differentiable]
    public static double InnerMax(double[] p1, [NoDiff] double[] start)
    {
        double[] x = { start[0], start[1] };
        double fx = -Objective(p1[0], p1[1], x[0], x[1]);
        double[] gx = new double[2];
        double d1 = 0, d2 = 0, d3 = 0, d4 = 0;
        ObjectiveBackward(p1[0], p1[1], x[0], x[1], ref d1, ref d2, ref d3, ref d4, -1.0);
        gx[0] = d3;
        gx[1] = d4;
        int i = 0;
        double eta = 1e-5;
        while (true)
        {
            if (Math.Sqrt(gx[0] * gx[0] + gx[1] * gx[1]) <= 1e-5) break;
            if (i == 10)
            {
                eta *= 2;
                i = 0;
                continue;
            }
            double[] xPrime = { x[0] - eta * gx[0], x[1] - eta * gx[1] };
            double dx = xPrime[0] - x[0], dy = xPrime[1] - x[1];
            if (Math.Sqrt(dx * dx + dy * dy) <= 1e-5) break;
            double fxPrime = -Objective(p1[0], p1[1], xPrime[0], xPrime[1]);
            if (fxPrime < fx)
            {
                x = xPrime;
                fx = fxPrime;
                d1 = 0; d2 = 0; d3 = 0; d4 = 0;
                ObjectiveBackward(p1[0], p1[1], x[0], x[1], ref d1, ref d2, ref d3, ref d4, -1.0);
                gx[0] = d3;
                gx[1] = d4;
                i++;
            }
            else
            {
                eta /= 2;
                i = 0;
            }
        }
        return Objective(p1[0], p1[1], x[0], x[1]);
    }
}
