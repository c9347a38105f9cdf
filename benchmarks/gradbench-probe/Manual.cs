// GradBench's hand-written gradients (https://github.com/gradbench/gradbench, tools/manual/{lse,llsq,ode,kmeans}.cpp; MIT
// License, Copyright (c) 2024 Sam Estep) translated to C# line by line, without their OpenMP pragmas (one thread, as ours).
namespace GradBenchProbe;

internal static class Manual
{
    public static void Lse(double[] x, double[] output)
    {
        double maxElem = x.Max();
        double sum = 0.0;
        for (int i = 0; i < x.Length; ++i)
        {
            output[i] = Math.Exp(x[i] - maxElem);
            sum += output[i];
        }
        for (int i = 0; i < x.Length; ++i) output[i] /= sum;
    }

    private static double T(double i, double n) => -1 + i * 2 / (n - 1);

    private static double S(double ti) => (0 < ti ? 1 : 0) - (ti < 0 ? 1 : 0);

    public static void Llsq(double[] x, int n, double[] sums, double[] output)
    {
        int m = x.Length;
        for (int i = 0; i < n; i++)
        {
            double ti = T(i, n);
            double innerSum = S(ti);
            double mul = 1;
            for (int l = 0; l < m; l++)
            {
                innerSum -= x[l] * mul;
                mul *= ti;
            }
            sums[i] = innerSum;
        }
        for (int j = 0; j < m; j++) output[j] = 0;
        for (int i = 0; i < n; i++)
        {
            double ti = T(i, n);
            double term = 1.0;
            for (int j = 0; j < m; j++)
            {
                output[j] -= sums[i] * term;
                term *= ti;
            }
        }
    }

    public static void Ode(double[] x, double[] output)
    {
        int n = x.Length, r = n - 1;
        double tf = 2.0;
        double yR = x[0] * tf;
        for (int i = 1; i <= r; i++) yR *= x[i] * tf / (i + 1);
        for (int i = 0; i < n; i++) output[i] = yR / x[i];
    }

    public static void KMeansDir(double[][] points, double[][] centroids, int[] clusterSizes, double[] clusterSums, double[][] dir)
    {
        int k = centroids.Length, d = centroids[0].Length;
        Array.Clear(clusterSizes);
        Array.Clear(clusterSums);
        foreach (var a in points)
        {
            double closest = double.PositiveInfinity;
            int closestJ = -1;
            for (int j = 0; j < k; j++)
            {
                double dist = 0;
                for (int l = 0; l < d; l++) dist += (a[l] - centroids[j][l]) * (a[l] - centroids[j][l]);
                if (dist < closest)
                {
                    closest = dist;
                    closestJ = j;
                }
            }
            clusterSizes[closestJ]++;
            for (int l = 0; l < d; l++) clusterSums[closestJ * d + l] += a[l];
        }
        for (int j = 0; j < k; j++)
            for (int l = 0; l < d; l++) dir[j][l] = -(clusterSums[j * d + l] / clusterSizes[j] - centroids[j][l]);
    }
}
