// Port of GradBench's `llsq` eval (https://github.com/gradbench/gradbench, evals/llsq and cpp/gradbench/evals/llsq.hpp;
// MIT License, Copyright (c) 2024 Sam Estep), itself adapted from cmpad's llsq_obj by Bradley M. Bell
// (https://github.com/bradbell/cmpad, EPL-2.0 or GPL-2.0-or-later).
using AutoDiffGen;

namespace GradBench;

public static partial class LinearLeastSquares
{
    private static double T(double i, double n) => -1 + i * 2 / (n - 1);

    private static double S(double ti) => (0 < ti ? 1 : 0) - (ti < 0 ? 1 : 0);

    [Differentiable]
    public static double Primal(double[] x, int n)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double ti = T(i, n);
            double innerSum = S(ti);
            double mul = 1;
            for (int j = 0; j < x.Length; j++)
            {
                innerSum -= x[j] * mul;
                mul *= ti;
            }
            sum += innerSum * innerSum;
        }
        return sum / 2;
    }
}
