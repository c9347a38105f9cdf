using AutoDiffGen;

namespace LevenbergMarquardtSample;

/// <summary>
/// NIST StRD nonlinear regression problem BoxBOD (biochemical oxygen demand; Box, Hunter and Hunter 1978):
/// y = b1 (1 − e^(−b2 x)) at six observations. Six residuals fit in a tuple of reals, so the whole residual
/// vector is one vector-valued method and <c>ResidualsJacobian</c> writes its 6 × 2 Jacobian.
/// Certified values: b1 = 213.80940889, b2 = 0.54723748542, residual sum of squares 1168.0088766.
/// </summary>
public static partial class BoxBod
{
    public static readonly double[] X = { 1, 2, 3, 5, 7, 10 };
    public static readonly double[] Y = { 109, 149, 149, 191, 213, 224 };

    /// <summary>The residuals model − observation, one tuple member per observation.</summary>
    [Differentiable(Jacobian = true)]
    public static (double, double, double, double, double, double) Residuals(double b1, double b2) =>
        (Residual(b1, b2, 1, 109), Residual(b1, b2, 2, 149), Residual(b1, b2, 3, 149),
         Residual(b1, b2, 5, 191), Residual(b1, b2, 7, 213), Residual(b1, b2, 10, 224));

    [Differentiable]
    public static double Residual(double b1, double b2, [NoDiff] double x, [NoDiff] double y) => b1 * (1 - Math.Exp(-b2 * x)) - y;
}
