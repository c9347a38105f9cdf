using System;
using System.Linq;
using AutoDiffGen;

namespace Gallery;

/// <summary>A 2-D point as a small immutable value, with the methods people give it.</summary>
public readonly struct Point2
{
    public double X { get; }
    public double Y { get; }

    public Point2(double x, double y)
    {
        X = x;
        Y = y;
    }

    public Point2 Minus(Point2 other) => new Point2(X - other.X, Y - other.Y);

    public double Dot(Point2 other) => X * other.X + Y * other.Y;

    public double Cross(Point2 other) => X * other.Y - Y * other.X;

    public double Length() => Math.Sqrt(Dot(this));
}

/// <summary>Geometry and signal processing written the way people write it: small structs with methods, work copies of arrays, and slices.</summary>
public static partial class Signals
{
    /// <summary>Perimeter and (shoelace) area of a closed polygon, penalised towards a target area.</summary>
    [Differentiable]
    public static double PolygonFitLoss(double[] xs, double[] ys, double targetArea)
    {
        double perimeter = 0, twiceArea = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            int j = (i + 1) % xs.Length;
            var a = new Point2(xs[i], ys[i]);
            var b = new Point2(xs[j], ys[j]);
            perimeter += b.Minus(a).Length();
            twiceArea += a.Cross(b);
        }
        double area = 0.5 * twiceArea;
        return perimeter + (area - targetArea) * (area - targetArea);
    }

    /// <summary>Smooths a copy of the signal in place a few times and measures how far it moved (the signal is left alone).</summary>
    [Differentiable]
    public static double SmoothingDistance(double[] signal, double alpha, int passes)
    {
        var smooth = (double[])signal.Clone();
        for (int pass = 0; pass < passes; pass++)
        {
            for (int i = 1; i < smooth.Length - 1; i++)
            {
                smooth[i] = (1 - alpha) * smooth[i] + alpha * 0.5 * (smooth[i - 1] + smooth[i + 1]);
            }
        }
        double distance = 0;
        for (int i = 0; i < signal.Length; i++) distance += (smooth[i] - signal[i]) * (smooth[i] - signal[i]);
        return distance;
    }

    /// <summary>Energy of x over a window.</summary>
    [Differentiable]
    private static double Energy(ReadOnlySpan<double> x)
    {
        double e = 0;
        for (int i = 0; i < x.Length; i++) e += x[i] * x[i];
        return e;
    }

    /// <summary>Energy of a segment given by where it starts after a lead-in and how long it is.</summary>
    [Differentiable]
    public static double SegmentEnergy(double[] signal, int leadIn, int from, int count) =>
        Energy(signal.AsSpan(leadIn).Slice(from, count)) / count;

    /// <summary>A linear score of the centred features: the features are copied, the copy centred in place.</summary>
    [Differentiable]
    public static double CentredScore(double[] features, double[] weights)
    {
        var centred = features.ToArray();
        double mean = centred.Average();
        for (int i = 0; i < centred.Length; i++) centred[i] -= mean;
        double score = 0;
        for (int i = 0; i < centred.Length; i++) score += weights[i] * centred[i];
        return Math.Tanh(score);
    }
}
