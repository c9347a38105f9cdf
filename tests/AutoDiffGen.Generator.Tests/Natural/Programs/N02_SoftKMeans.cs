using AutoDiffGen;

namespace Natural;

public static partial class Clustering
{
    [Differentiable]
    public static double SquaredDistance(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }

    // Soft k-means: each point is assigned to every centroid with weight softmax(-beta * d²).
    [Differentiable]
    public static double SoftKMeansLoss(double[][] centroids, double[][] points, double beta = 5.0)
    {
        double loss = 0;
        foreach (var p in points)
        {
            var d = new double[centroids.Length];
            for (int k = 0; k < centroids.Length; k++)
                d[k] = SquaredDistance(p, centroids[k]);

            double min = d.Min();
            double z = 0;
            for (int k = 0; k < d.Length; k++) z += Math.Exp(-beta * (d[k] - min));

            double expected = 0;
            for (int k = 0; k < d.Length; k++)
                expected += Math.Exp(-beta * (d[k] - min)) / z * d[k];
            loss += expected;
        }
        return loss / points.Length;
    }
}
