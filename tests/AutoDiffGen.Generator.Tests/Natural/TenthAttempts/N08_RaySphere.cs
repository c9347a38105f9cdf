using System.Numerics;
using AutoDiffGen;

namespace Natural;

// A soft ray-sphere hit for a game's differentiable picking: a sigmoid of how far inside the sphere the ray's
// closest approach passes, so a miss still gives a gradient towards the target.
public static partial class RaySphere
{
    [Differentiable]
    public static float SoftHit(Vector3 origin, Vector3 direction, Vector3 center, float radius, float sharpness)
    {
        Vector3 dir = Vector3.Normalize(direction);
        Vector3 toCenter = center - origin;
        float along = Vector3.Dot(toCenter, dir);
        if (along < 0)
            along = 0; // the sphere is behind the ray: use the origin
        Vector3 closest = origin + along * dir;
        float distance = Vector3.Distance(closest, center);
        float x = sharpness * (radius - distance);
        return 1f / (1f + MathF.Exp(-x));
    }
}
