// Port of GradBench's `lse` eval (https://github.com/gradbench/gradbench, evals/lse and cpp/gradbench/evals/lse.hpp;
// MIT License, Copyright (c) 2024 Sam Estep): log-sum-exp with the max trick, written from its primitives.
using AutoDiffGen;

namespace GradBench;

public static partial class LogSumExp
{
    [Differentiable]
    public static double Primal(double[] x)
    {
        double a = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            a = Math.Max(a, x[i]);
        }

        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += Math.Exp(x[i] - a);
        }

        return Math.Log(s) + a;
    }
}
