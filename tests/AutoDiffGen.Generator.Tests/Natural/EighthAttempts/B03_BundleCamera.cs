using AutoDiffGen;

namespace Natural;

// Bundle adjustment's reprojection error with a Camera struct (Rodrigues rotation, centre, focal length, principal
// point, two radial distortion coefficients), a radial distortion helper, and the error returned through out parameters.
public struct Camera
{
    public double R0, R1, R2;
    public double Cx, Cy, Cz;
    public double Focal;
    public double U0, V0;
    public double K1, K2;
}

public static partial class BundleAdjustment
{
    private static void RadialDistort(double k1, double k2, ref double u, ref double v)
    {
        double rsq = u * u + v * v;
        double l = 1 + k1 * rsq + k2 * rsq * rsq;
        u *= l;
        v *= l;
    }

    private static void Rotate(Camera cam, double x, double y, double z, out double rx, out double ry, out double rz)
    {
        double theta2 = cam.R0 * cam.R0 + cam.R1 * cam.R1 + cam.R2 * cam.R2;
        if (theta2 != 0)
        {
            double theta = Math.Sqrt(theta2);
            double c = Math.Cos(theta), s = Math.Sin(theta);
            double wx = cam.R0 / theta, wy = cam.R1 / theta, wz = cam.R2 / theta;
            double dot = wx * x + wy * y + wz * z;
            rx = x * c + (wy * z - wz * y) * s + wx * dot * (1 - c);
            ry = y * c + (wz * x - wx * z) * s + wy * dot * (1 - c);
            rz = z * c + (wx * y - wy * x) * s + wz * dot * (1 - c);
        }
        else
        {
            rx = x + cam.R1 * z - cam.R2 * y;
            ry = y + cam.R2 * x - cam.R0 * z;
            rz = z + cam.R0 * y - cam.R1 * x;
        }
    }

    public static void ReprojectionError(Camera cam, double x, double y, double z, double weight, double featU, double featV, out double eu, out double ev)
    {
        Rotate(cam, x - cam.Cx, y - cam.Cy, z - cam.Cz, out double px, out double py, out double pz);
        double u = px / pz, v = py / pz;
        RadialDistort(cam.K1, cam.K2, ref u, ref v);
        eu = weight * (u * cam.Focal + cam.U0 - featU);
        ev = weight * (v * cam.Focal + cam.V0 - featV);
    }

    [Differentiable]
    public static double SquaredError(Camera cam, double x, double y, double z, double weight, double featU, double featV)
    {
        ReprojectionError(cam, x, y, z, weight, featU, featV, out double eu, out double ev);
        return eu * eu + ev * ev + (1 - weight * weight) * (1 - weight * weight);
    }
}
