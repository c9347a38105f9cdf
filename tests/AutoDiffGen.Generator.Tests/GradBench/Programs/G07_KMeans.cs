// Port of GradBench's `kmeans` eval (https://github.com/gradbench/gradbench, evals/kmeans and
// cpp/gradbench/evals/kmeans.hpp; MIT License, Copyright (c) 2024 Sam Estep). The input arrives as double[][] rows, so
// that is what the objective takes; `dir` is J / diag(H), and since the Hessian is diagonal, H·1 is its diagonal.
using AutoDiffGen;

namespace GradBench;

public static partial class KMeans
{
    private static double EuclidDist2(double[] a, double[] b)
    {
        double dist = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dist += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return dist;
    }

    [Differentiable(Hessian = true)]
    public static double Cost([NoDiff] double[][] points, double[][] centroids)
    {
        double cost = 0;
        for (int i = 0; i < points.Length; i++)
        {
            double closest = double.PositiveInfinity;
            for (int j = 0; j < centroids.Length; j++)
            {
                closest = Math.Min(closest, EuclidDist2(points[i], centroids[j]));
            }
            cost += closest;
        }
        return cost;
    }

    /// <summary>The eval's `dir`: the gradient divided by the Hessian's diagonal, element by element.</summary>
    public static double[][] Dir(double[][] points, double[][] centroids)
    {
        int k = centroids.Length, d = centroids[0].Length;
        var gradient = new double[k][];
        for (int j = 0; j < k; j++) gradient[j] = new double[d];
        CostBackward(points, centroids, gradient);
        var ones = new double[k * d];
        Array.Fill(ones, 1.0);
        var diagonal = new double[k * d];
        CostHessianVector(points, centroids, ones, diagonal);
        var dir = new double[k][];
        for (int j = 0; j < k; j++)
        {
            dir[j] = new double[d];
            for (int l = 0; l < d; l++) dir[j][l] = gradient[j][l] / diagonal[j * d + l];
        }
        return dir;
    }
}
