using AutoDiffGen;

namespace Natural;

// Hand tracking's linear blend skinning: per bone a transform (rotation about z and a translation) built into a local
// array inside the loop, the rest vertex copied with Array.Copy, vertices blended by fixed weights.
public static partial class HandSkinning
{
    private static double[] BoneTransform(double angle, double tx, double ty)
    {
        double c = Math.Cos(angle), s = Math.Sin(angle);
        return new[] { c, -s, tx, s, c, ty };
    }

    [Differentiable]
    public static double Error(double[] theta, double[,] rest, double[,] blend, double[,] target)
    {
        int bones = blend.GetLength(1);
        double error = 0;
        var vertex = new double[2];
        for (int v = 0; v < rest.GetLength(0); v++)
        {
            double x = 0, y = 0;
            for (int b = 0; b < bones; b++)
            {
                double[] m = BoneTransform(theta[3 * b], theta[3 * b + 1], theta[3 * b + 2]);
                var local = new double[2];
                local[0] = rest[v, 0];
                local[1] = rest[v, 1];
                Array.Copy(local, vertex, 2);
                x += blend[v, b] * (m[0] * vertex[0] + m[1] * vertex[1] + m[2]);
                y += blend[v, b] * (m[3] * vertex[0] + m[4] * vertex[1] + m[5]);
            }

            error += (x - target[v, 0]) * (x - target[v, 0]) + (y - target[v, 1]) * (y - target[v, 1]);
        }

        return error;
    }
}
