using AutoDiffGen;

namespace Natural;

// The reprojection error as a [Differentiable] method over ReadOnlySpan<double> parameters, with an array wrapper that a
// solver calls, and the rotation applied through the small-angle branch when the angle-axis vector is zero.
public static partial class BundleSpanApi
{
    [Differentiable]
    public static double ProjectionError(ReadOnlySpan<double> camera, ReadOnlySpan<double> point, double featU, double featV)
    {
        double x = point[0] - camera[3], y = point[1] - camera[4], z = point[2] - camera[5];
        double rx = x + camera[1] * z - camera[2] * y;
        double ry = y + camera[2] * x - camera[0] * z;
        double rz = z + camera[0] * y - camera[1] * x;
        double u = rx / rz, v = ry / rz;
        double r2 = u * u + v * v;
        double distortion = 1 + camera[9] * r2 + camera[10] * r2 * r2;
        double eu = camera[6] * distortion * u + camera[7] - featU;
        double ev = camera[6] * distortion * v + camera[8] - featV;
        return eu * eu + ev * ev;
    }

    [Differentiable]
    public static double ProjectionError(double[] camera, double[] point, double featU, double featV) =>
        ProjectionError(camera.AsSpan(), point.AsSpan(), featU, featV);
}
