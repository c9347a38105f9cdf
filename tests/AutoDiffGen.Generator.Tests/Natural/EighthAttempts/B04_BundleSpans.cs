using AutoDiffGen;

namespace Natural;

// Bundle adjustment with the camera as 11 doubles in an array, ReadOnlySpan<double> slices of it passed to Rodrigues and
// projection helpers that write into Span<double> results, and a stackalloc buffer for the rotated point.
public static partial class BundleSpans
{
    private static void RodriguesRotate(ReadOnlySpan<double> rot, ReadOnlySpan<double> pt, Span<double> result)
    {
        double sqTheta = rot[0] * rot[0] + rot[1] * rot[1] + rot[2] * rot[2];
        if (sqTheta != 0)
        {
            double theta = Math.Sqrt(sqTheta);
            double cos = Math.Cos(theta), sin = Math.Sin(theta);
            double invTheta = 1.0 / theta;
            double w0 = rot[0] * invTheta, w1 = rot[1] * invTheta, w2 = rot[2] * invTheta;
            double tmp = (w0 * pt[0] + w1 * pt[1] + w2 * pt[2]) * (1 - cos);
            result[0] = pt[0] * cos + (w1 * pt[2] - w2 * pt[1]) * sin + w0 * tmp;
            result[1] = pt[1] * cos + (w2 * pt[0] - w0 * pt[2]) * sin + w1 * tmp;
            result[2] = pt[2] * cos + (w0 * pt[1] - w1 * pt[0]) * sin + w2 * tmp;
        }
        else
        {
            result[0] = pt[0] + rot[1] * pt[2] - rot[2] * pt[1];
            result[1] = pt[1] + rot[2] * pt[0] - rot[0] * pt[2];
            result[2] = pt[2] + rot[0] * pt[1] - rot[1] * pt[0];
        }
    }

    private static void Project(ReadOnlySpan<double> cam, ReadOnlySpan<double> point, Span<double> proj)
    {
        Span<double> shifted = stackalloc double[3];
        for (int i = 0; i < 3; i++) shifted[i] = point[i] - cam[3 + i];
        Span<double> rotated = stackalloc double[3];
        RodriguesRotate(cam.Slice(0, 3), shifted, rotated);
        double u = rotated[0] / rotated[2], v = rotated[1] / rotated[2];
        double rsq = u * u + v * v;
        double l = 1 + cam[9] * rsq + cam[10] * rsq * rsq;
        proj[0] = u * l * cam[6] + cam[7];
        proj[1] = v * l * cam[6] + cam[8];
    }

    [Differentiable]
    public static double Error(double[] camera, double[] point, double weight, double[] feature)
    {
        Span<double> proj = stackalloc double[2];
        Project(camera, point, proj);
        double ex = weight * (proj[0] - feature[0]);
        double ey = weight * (proj[1] - feature[1]);
        return ex * ex + ey * ey;
    }
}
