using System.Numerics;
using AutoDiffGen;

namespace Natural;

// Generic numeric utilities (softplus, log-sum-exp) over T : IFloatingPointIeee754<T>, called from a double method.
public static class NumericUtil
{
    public static T Softplus<T>(T x) where T : IFloatingPointIeee754<T> =>
        x > T.Zero ? x + T.Log(T.One + T.Exp(-x)) : T.Log(T.One + T.Exp(x));

    public static T LogSumExp<T>(T[] values) where T : IFloatingPointIeee754<T>
    {
        T max = values[0];
        for (int i = 1; i < values.Length; i++) max = T.Max(max, values[i]);
        T sum = T.Zero;
        foreach (T v in values) sum += T.Exp(v - max);
        return max + T.Log(sum);
    }
}

public static partial class GenericCaller
{
    [Differentiable]
    public static double SmoothObjective(double[] logits, double shift)
    {
        double total = NumericUtil.LogSumExp(logits);
        for (int i = 0; i < logits.Length; i++)
        {
            total += NumericUtil.Softplus(logits[i] - shift);
        }

        return total;
    }
}
