using AutoDiffGen;

namespace Natural;

// k-means' loss: each point's squared distance to its nearest centroid, the nearest found with Math.Min.
public static partial class KMeans
{
    private static double SquaredDistance(double[,] points, int p, double[,] centroids, int c)
    {
        double d = 0;
        for (int j = 0; j < points.GetLength(1); j++)
        {
            double diff = points[p, j] - centroids[c, j];
            d += diff * diff;
        }

        return d;
    }

    [Differentiable]
    public static double Loss(double[,] centroids, double[,] points)
    {
        double loss = 0;
        for (int p = 0; p < points.GetLength(0); p++)
        {
            double best = double.MaxValue;
            for (int c = 0; c < centroids.GetLength(0); c++)
            {
                best = Math.Min(best, SquaredDistance(points, p, centroids, c));
            }

            loss += best;
        }

        return loss;
    }
}
