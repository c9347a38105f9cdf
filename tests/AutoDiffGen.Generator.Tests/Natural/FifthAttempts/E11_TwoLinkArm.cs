using AutoDiffGen;

namespace Natural;

// Inverse kinematics of a planar two-link arm by Newton's method on the squared reach error.
public partial class TwoLinkArm
{
    public TwoLinkArm(double upper, double lower)
    {
        Upper = upper;
        Lower = lower;
    }

    public double Upper { get; }
    public double Lower { get; }

    (double X, double Y) Tip(double shoulder, double elbow) =>
        (Upper * Math.Cos(shoulder) + Lower * Math.Cos(shoulder + elbow),
         Upper * Math.Sin(shoulder) + Lower * Math.Sin(shoulder + elbow));

    [Differentiable(Hessian = true)]
    public double ReachError(double shoulder, double elbow, [NoDiff] double targetX, [NoDiff] double targetY)
    {
        var (x, y) = Tip(shoulder, elbow);
        return 0.5 * ((x - targetX) * (x - targetX) + (y - targetY) * (y - targetY));
    }

    public (double Shoulder, double Elbow) Solve(double targetX, double targetY, int iterations = 30)
    {
        double s = 0.3, e = 0.6;
        Span<double> h = stackalloc double[4];
        for (int it = 0; it < iterations; it++)
        {
            double gs = 0, ge = 0;
            ReachErrorBackward(s, e, targetX, targetY, ref gs, ref ge);
            ReachErrorHessian(s, e, targetX, targetY, h);
            // damped Newton step: (H + μI) δ = −g
            double mu = 1e-3;
            double a = h[0] + mu, b = h[1], c = h[2], d = h[3] + mu;
            double det = a * d - b * c;
            s -= (d * gs - b * ge) / det;
            e -= (-c * gs + a * ge) / det;
        }
        return (s, e);
    }
}
