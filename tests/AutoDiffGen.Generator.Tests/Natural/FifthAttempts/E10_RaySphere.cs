using System.Numerics;
using AutoDiffGen;

namespace Natural;

// Fit a sphere to depth readings: each ray from the sensor reports the distance to the first hit.
public static partial class DepthFit
{
    [Differentiable]
    public static float DepthError(Vector3 center, float radius, [NoDiff] Vector3[] directions, [NoDiff] float[] depths)
    {
        float error = 0;
        for (int i = 0; i < directions.Length; i++)
        {
            float t = Hit(Vector3.Zero, Vector3.Normalize(directions[i]), center, radius);
            if (float.IsNaN(t)) continue;   // missed the sphere: no reading to compare
            float d = t - depths[i];
            error += d * d;
        }
        return error;
    }

    static float Hit(Vector3 origin, Vector3 dir, Vector3 center, float radius)
    {
        Vector3 oc = origin - center;
        float b = Vector3.Dot(oc, dir);
        float c = oc.LengthSquared() - radius * radius;
        float disc = b * b - c;
        if (disc < 0) return float.NaN;
        return -b - MathF.Sqrt(disc);
    }
}
