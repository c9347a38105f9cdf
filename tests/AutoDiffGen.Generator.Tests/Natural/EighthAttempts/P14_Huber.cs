using AutoDiffGen;

namespace Natural;

// Robust line fit: a Huber loss written as a switch expression with a when guard, and a residual classification switch.
public static partial class Huber
{
    public static double Loss(double residual, double delta) => residual switch
    {
        var r when Math.Abs(r) <= delta => 0.5 * r * r,
        > 0 => delta * (residual - 0.5 * delta),
        _ => delta * (-residual - 0.5 * delta),
    };

    [Differentiable]
    public static double Fit(double slope, double intercept, double[] xs, double[] ys, double delta)
    {
        double total = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            total += Loss(slope * xs[i] + intercept - ys[i], delta);
        }

        return total;
    }
}
