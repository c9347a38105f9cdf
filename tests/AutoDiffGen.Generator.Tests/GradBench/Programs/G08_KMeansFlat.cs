// Port of GradBench's `kmeans` eval (https://github.com/gradbench/gradbench, evals/kmeans and
// cpp/gradbench/evals/kmeans.hpp; MIT License, Copyright (c) 2024 Sam Estep), over the flat n×d and k×d row-major
// arrays the C++ reference uses, with the helper reading at offsets where the C++ passes pointers.
using AutoDiffGen;

namespace GradBench;

public static partial class KMeansFlat
{
    private static double EuclidDist2(int d, double[] a, int aOffset, double[] b, int bOffset)
    {
        double dist = 0;
        for (int i = 0; i < d; i++)
        {
            dist += (a[aOffset + i] - b[bOffset + i]) * (a[aOffset + i] - b[bOffset + i]);
        }
        return dist;
    }

    [Differentiable(Hessian = true)]
    public static double Objective(int n, int k, int d, [NoDiff] double[] points, double[] centroids)
    {
        double cost = 0;
        for (int i = 0; i < n; i++)
        {
            double closest = double.PositiveInfinity;
            for (int j = 0; j < k; j++)
            {
                closest = Math.Min(closest, EuclidDist2(d, points, i * d, centroids, j * d));
            }
            cost += closest;
        }
        return cost;
    }
}
