using AutoDiffGen;

namespace Natural;

// Hand tracking's rigid transform: rotation matrices as double[,] built by helpers (angle-axis and Euler angles), the
// global pose applied to the model's vertices, the error against the observed points.
public static partial class HandRigid
{
    private static double[,] AngleAxisToRotation(double ax, double ay, double az)
    {
        double norm = Math.Sqrt(ax * ax + ay * ay + az * az);
        var r = new double[3, 3];
        if (norm < 1e-4)
        {
            r[0, 0] = 1; r[1, 1] = 1; r[2, 2] = 1;
            return r;
        }

        double x = ax / norm, y = ay / norm, z = az / norm;
        double s = Math.Sin(norm), c = Math.Cos(norm);
        r[0, 0] = x * x + (1 - x * x) * c;
        r[0, 1] = x * y * (1 - c) - z * s;
        r[0, 2] = x * z * (1 - c) + y * s;
        r[1, 0] = x * y * (1 - c) + z * s;
        r[1, 1] = y * y + (1 - y * y) * c;
        r[1, 2] = y * z * (1 - c) - x * s;
        r[2, 0] = x * z * (1 - c) - y * s;
        r[2, 1] = z * y * (1 - c) + x * s;
        r[2, 2] = z * z + (1 - z * z) * c;
        return r;
    }

    private static double[,] EulerToRotation(double yaw, double pitch, double roll)
    {
        double cx = Math.Cos(yaw), sx = Math.Sin(yaw);
        double cy = Math.Cos(pitch), sy = Math.Sin(pitch);
        double cz = Math.Cos(roll), sz = Math.Sin(roll);
        return new double[,]
        {
            { cy * cz, -cy * sz, sy },
            { sx * sy * cz + cx * sz, -sx * sy * sz + cx * cz, -sx * cy },
            { -cx * sy * cz + sx * sz, cx * sy * sz + sx * cz, cx * cy },
        };
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        var c = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++)
                    c[i, j] += a[i, k] * b[k, j];
        return c;
    }

    [Differentiable]
    public static double Error(double[] pose, double[,] vertices, double[,] observed)
    {
        double[,] rotation = Multiply(AngleAxisToRotation(pose[0], pose[1], pose[2]), EulerToRotation(pose[6], pose[7], pose[8]));
        double error = 0;
        for (int v = 0; v < vertices.GetLength(0); v++)
        {
            for (int i = 0; i < 3; i++)
            {
                double p = pose[3 + i];
                for (int j = 0; j < 3; j++) p += rotation[i, j] * vertices[v, j];
                double e = p - observed[v, i];
                error += e * e;
            }
        }

        return error;
    }
}
