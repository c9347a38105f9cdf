namespace AutoDiffGen.Generator.Tests.NullableLocals;

/// <summary>
/// double?/float? locals that carry a gradient (written in C# 7.3, so every language version compiles them): each
/// read and lifted operation of issue 13's list, a loop that keeps the best so far, and .Value on null.
/// </summary>
internal static class NullableLocalExamples
{
    internal const string Source = @"
using System;
using AutoDiffGen;

public static partial class Nullables
{
    [Differentiable(Forward = true, Hessian = true)]
    public static double Chosen(double x, double y)
    {
        double? z = y > 0 ? y : (double?)null;
        return z.HasValue ? x * z.Value : x;
    }

    [Differentiable(Forward = true)]
    public static double Lifted(double x, double y)
    {
        double? z = y > 0 ? y : (double?)null;
        double? w = z * x + 1;
        return (w ?? x) * x;
    }

    [Differentiable(Forward = true)]
    public static double Defaults(double x, double y)
    {
        double? z = y > 0.5 ? (double?)(y * y) : null;
        return z.GetValueOrDefault() + z.GetValueOrDefault(x) + (z is null ? 0 : 1) * x + (z != null ? (double)z : 2 * x);
    }

    [Differentiable(Forward = true)]
    public static double MaxOf(double x, double y)
    {
        double? z = null;
        if (x > 0) z = x * y;
        return Math.Max(z ?? 0, y);
    }

    [Differentiable(Forward = true)]
    public static float Compound(float x, float y)
    {
        float? z = null;
        if (y > 0) z = y;
        z += x;
        z *= x;
        return z ?? x;
    }

    [Differentiable]
    public static double Best(double[] xs)
    {
        double? best = null;
        foreach (var v in xs) if (best is null || v > best) best = v;
        return best ?? 0;
    }

    [Differentiable(Forward = true)]
    public static double Throws(double x, double y)
    {
        double? z = y > 0 ? x : (double?)null;
        return z.Value * y;
    }

    [Differentiable]
    public static double Cast(double x, double y)
    {
        double? z = null;
        if (y > 0) z = x * x;
        return (double)z + y;
    }
}
";
}
