using System;
using System.Collections.Generic;
using AutoDiffGen;

namespace Users.Idioms11;

// Type patterns on reals, using and lock around a computation, foreach over 2-D and jagged arrays, as people write them
// (idioms11, issue 13, 2026-12-04).
public sealed class Timing : IDisposable
{
    public static int Open;
    public Timing(string what) { Open++; }
    public void Dispose() => Open--;
}

public static partial class Idioms11
{
    private static readonly object Sync = new object();

    // A loss that checks its input's type as a generic helper would.
    [Differentiable]
    public static double Huber(double residual, double delta)
    {
        if (residual is double r && Math.Abs(r) <= delta) return 0.5 * r * r;
        return delta * (Math.Abs(residual) - 0.5 * delta);
    }

    [Differentiable]
    public static double Classify(double x) => x switch
    {
        double v when v < -1 => -1 - 0.1 * (v + 1),
        double v when v > 1 => 1 + 0.1 * (v - 1),
        double v => v,
    };

    [Differentiable]
    public static double Piecewise(double x, double y)
    {
        switch (x * y)
        {
            case double p when p > 2:
                return Math.Log(p);
            case var p:
                return p * p / 4 + Math.Log(2) - 1;
        }
    }

    [Differentiable]
    public static double FrobeniusSquared(double[,] m)
    {
        double s = 0;
        foreach (double v in m) s += v * v;
        return s;
    }

    [Differentiable]
    public static double SoftMaxAll(double[,] logits)
    {
        double z = 0;
        foreach (var v in logits) z += Math.Exp(v);
        return Math.Log(z);
    }

    [Differentiable]
    public static double RaggedMean(double[][] rows)
    {
        double sum = 0;
        int n = 0;
        foreach (var row in rows)
        {
            foreach (var v in row)
            {
                sum += v;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    [Differentiable]
    public static double RaggedL2(double[][] rows, double scale)
    {
        double total = 0;
        foreach (double[] row in rows)
        {
            double rowSum = 0;
            foreach (double v in row) rowSum += v * v;
            total += Math.Sqrt(rowSum + 1e-9) * scale;
        }
        return total;
    }

    [Differentiable]
    public static double TimedLoss(double[] w, double[] x, double y)
    {
        double pred = 0;
        using (var t = new Timing("forward"))
        {
            for (int i = 0; i < w.Length; i++) pred += w[i] * x[i];
        }
        double e = pred - y;
        return e * e;
    }

    [Differentiable]
    public static double TimedDeclared(double a, double b)
    {
        using var _ = new Timing("loss");
        double s = Math.Sin(a) * b;
        return s * s + a;
    }

    [Differentiable]
    public static double Synchronized(double x, double y)
    {
        double r;
        lock (Sync)
        {
            r = x * x + Math.Exp(y);
        }
        return r / (1 + y * y);
    }
}
