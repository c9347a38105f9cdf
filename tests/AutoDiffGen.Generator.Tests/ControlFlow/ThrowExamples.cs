namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>Argument validation as numeric code writes it: throw statements and guard calls. Written in C# 7.3.</summary>
public static class ThrowExamples
{
    public const string Source = @"
using System;
using System.Diagnostics;
using AutoDiffGen;

public static partial class Guards
{
    [Differentiable]
    public static double SqrtChecked(double x)
    {
        if (x < 0) throw new ArgumentOutOfRangeException(nameof(x), ""x must not be negative."");
        return Math.Sqrt(x);
    }

    // Two guards, one of them reading an intermediate and the parameters in an interpolated message.
    [Differentiable]
    public static double LogRatio(double x, double y)
    {
        if (double.IsNaN(x)) throw new ArgumentException(""x is NaN"", nameof(x));
        double r = x / y;
        if (r <= 0) throw new ArgumentOutOfRangeException(nameof(y), $""x / y = {r} is not positive (x = {x:F3}, y = {y,6})"");
        return Math.Log(r) * x;
    }

    [Differentiable]
    public static double ElseThrows(double x, double y)
    {
        double s;
        if (x > 0) s = x * y;
        else throw new InvalidOperationException(""x = "" + x);
        return s * s;
    }

    [Differentiable]
    public static double ByMode(double x, int mode)
    {
        switch (mode)
        {
            case 0: return x * x;
            case 1: return Math.Exp(x);
            default: throw new ArgumentOutOfRangeException(nameof(mode), mode, ""unknown mode"");
        }
    }

    [Differentiable]
    public static double ByModeFalling(double x, int mode)
    {
        double y;
        switch (mode)
        {
            case 0: y = x * x; break;
            case 1: y = Math.Sin(x); break;
            default: throw new NotSupportedException(""mode "" + mode);
        }
        return y * x;
    }

    // A throw inside a loop ends the whole method.
    [Differentiable]
    public static double Heron(double x, int max)
    {
        double v = x;
        for (int i = 0; i < 6; i++)
        {
            if (i >= max) throw new InvalidOperationException(""did not converge after "" + i + "" steps, v = "" + v);
            v = 0.5 * (v + x / v);
        }
        return v;
    }

    // A validation loop that carries nothing the result needs must still run.
    [Differentiable]
    public static double SumSquares(double[] xs, double scale)
    {
        ArgumentNullException.ThrowIfNull(xs);
        foreach (var v in xs)
        {
            if (v < 0) throw new ArgumentException(""negative element "" + v, nameof(xs));
        }
        double s = 0;
        for (int i = 0; i < xs.Length; i++) s += xs[i] * xs[i];
        return s * scale;
    }

    [Differentiable]
    public static double Guarded(double x, double y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(y, 10.0);
        Debug.Assert(x + y >= 0, ""sum is negative"");
        return x * Math.Exp(y);
    }

    [Differentiable]
    public static double EarlyAndThrow(double x)
    {
        if (x > 2) return x * x * x;
        if (x < -2) throw new ArgumentOutOfRangeException(nameof(x));
        return Math.Sin(x);
    }

    // Numerical Recipes' shape: return from inside the loop when converged, throw after it.
    [Differentiable]
    public static double SeriesOrThrow(double x)
    {
        double term = 1, sum = 1;
        for (int k = 1; k < 40; k++)
        {
            term *= x / k;
            sum += term;
            if (Math.Abs(term) < 1e-12 * Math.Abs(sum)) return sum;
        }
        throw new ArithmeticException(""series did not converge for x = "" + x);
    }

    // Validation, then a loop that leaves only by returning (nothing after it: the compiler knows its end is unreachable).
    [Differentiable]
    public static double Halve(double x)
    {
        if (x <= 0) throw new ArgumentOutOfRangeException(nameof(x));
        double t = x;
        while (true)
        {
            t = t * 0.5;
            if (t < 0.1) return t * x;
        }
    }

    // As Accord's OwensT: one branch of an if ends in such a loop; the other runs on to the final return.
    [Differentiable]
    public static double Chained(double x, int mode)
    {
        double value;
        if (mode == 1)
        {
            value = x;
            for (;;)
            {
                value = value * 0.5;
                if (value < 0.1) return value * x;
            }
        }
        else
        {
            value = Math.Sin(x);
        }
        return value * value;
    }
}
";
}
