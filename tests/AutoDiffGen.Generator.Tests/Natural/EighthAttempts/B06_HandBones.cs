using AutoDiffGen;

namespace Natural;

// Hand tracking's bone chain: each bone's relative rotation written by a void helper into a double[,] the caller made,
// composed down the chain (relatives to absolutes) with a local matrix made inside the loop, and the fingertip error.
public static partial class HandBones
{
    private static void EulerRotation(double flex, double abduct, double[,] r)
    {
        double cf = Math.Cos(flex), sf = Math.Sin(flex);
        double ca = Math.Cos(abduct), sa = Math.Sin(abduct);
        r[0, 0] = ca; r[0, 1] = -sa * cf; r[0, 2] = sa * sf;
        r[1, 0] = sa; r[1, 1] = ca * cf; r[1, 2] = -ca * sf;
        r[2, 0] = 0; r[2, 1] = sf; r[2, 2] = cf;
    }

    private static void MatMul(double[,] a, double[,] b, double[,] result)
    {
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double s = 0;
                for (int k = 0; k < 3; k++) s += a[i, k] * b[k, j];
                result[i, j] = s;
            }
        }
    }

    [Differentiable]
    public static double FingertipError(double[] angles, double[] boneLengths, double tipX, double tipY, double tipZ)
    {
        var absolute = new double[3, 3] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        double px = 0, py = 0, pz = 0;
        for (int b = 0; b < boneLengths.Length; b++)
        {
            var relative = new double[3, 3];
            EulerRotation(angles[2 * b], angles[2 * b + 1], relative);
            var next = new double[3, 3];
            MatMul(absolute, relative, next);
            absolute = next;
            px += absolute[0, 1] * boneLengths[b];
            py += absolute[1, 1] * boneLengths[b];
            pz += absolute[2, 1] * boneLengths[b];
        }

        return (px - tipX) * (px - tipX) + (py - tipY) * (py - tipY) + (pz - tipZ) * (pz - tipZ);
    }
}
