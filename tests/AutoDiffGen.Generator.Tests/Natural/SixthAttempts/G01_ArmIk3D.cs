using System.Numerics;
using AutoDiffGen;

namespace Natural;

// A three-joint arm in 3-D: a base yaw, then two pitch joints. Gradient descent on the tip's distance to a target.
public static partial class ArmIk
{
    const float L1 = 1.0f, L2 = 0.8f, L3 = 0.5f;

    static Vector3 Tip(double yaw, double pitch1, double pitch2)
    {
        // reach in the arm's vertical plane, then rotate that plane by the yaw
        double a = pitch1, b = pitch1 + pitch2;
        double r = L2 * Math.Cos(a) + L3 * Math.Cos(b);
        double z = L1 + L2 * Math.Sin(a) + L3 * Math.Sin(b);
        return new Vector3((float)(r * Math.Cos(yaw)), (float)(r * Math.Sin(yaw)), (float)z);
    }

    [Differentiable]
    public static double ReachError(double yaw, double pitch1, double pitch2, [NoDiff] Vector3 target)
    {
        Vector3 d = Tip(yaw, pitch1, pitch2) - target;
        return d.LengthSquared();
    }

    public static (double Yaw, double Pitch1, double Pitch2) Solve(Vector3 target, double tolerance = 1e-6)
    {
        double yaw = 0.1, p1 = 0.2, p2 = 0.3;
        double rate = 0.2;
        int iterations = 0;
        double error = ReachError(yaw, p1, p2, target);
        while (error > tolerance && iterations < 5000)
        {
            double gy = 0, g1 = 0, g2 = 0;
            error = ReachErrorBackward(yaw, p1, p2, target, ref gy, ref g1, ref g2);
            yaw -= rate * gy;
            p1 -= rate * g1;
            p2 -= rate * g2;
            iterations++;
        }
        return (yaw, p1, p2);
    }
}
