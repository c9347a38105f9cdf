using AutoDiffGen;

namespace Natural;

// Bundle adjustment's whole objective over many observations: camera and point parameters in double[,] tables, a
// Rodrigues helper writing into a stackalloc buffer, and the Zach weight error.
public static partial class BundleObjective
{
    private static void Cross(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> result)
    {
        result[0] = a[1] * b[2] - a[2] * b[1];
        result[1] = a[2] * b[0] - a[0] * b[2];
        result[2] = a[0] * b[1] - a[1] * b[0];
    }

    [Differentiable]
    public static double Objective(double[,] cams, double[,] points, double[] weights, int[] camIndex, int[] pointIndex, double[,] features)
    {
        double total = 0;
        Span<double> w = stackalloc double[3];
        Span<double> x = stackalloc double[3];
        Span<double> cross = stackalloc double[3];
        for (int obs = 0; obs < camIndex.Length; obs++)
        {
            int c = camIndex[obs], p = pointIndex[obs];
            for (int i = 0; i < 3; i++) x[i] = points[p, i] - cams[c, 3 + i];
            double theta = Math.Sqrt(cams[c, 0] * cams[c, 0] + cams[c, 1] * cams[c, 1] + cams[c, 2] * cams[c, 2]);
            for (int i = 0; i < 3; i++) w[i] = cams[c, i] / theta;
            Cross(w, x, cross);
            double dot = w[0] * x[0] + w[1] * x[1] + w[2] * x[2];
            double cos = Math.Cos(theta), sin = Math.Sin(theta);
            double rx = x[0] * cos + cross[0] * sin + w[0] * dot * (1 - cos);
            double ry = x[1] * cos + cross[1] * sin + w[1] * dot * (1 - cos);
            double rz = x[2] * cos + cross[2] * sin + w[2] * dot * (1 - cos);
            double u = rx / rz, v = ry / rz;
            double rsq = u * u + v * v;
            double l = 1 + cams[c, 9] * rsq + cams[c, 10] * rsq * rsq;
            double eu = weights[obs] * (cams[c, 6] * u * l + cams[c, 7] - features[obs, 0]);
            double ev = weights[obs] * (cams[c, 6] * v * l + cams[c, 8] - features[obs, 1]);
            double zach = 1 - weights[obs] * weights[obs];
            total += eu * eu + ev * ev + zach * zach;
        }

        return total;
    }
}
