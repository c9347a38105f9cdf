using System.Numerics;
using AutoDiffGen;

namespace Natural;

public static partial class Aiming
{
    // Angle between a turret's forward direction (yaw, pitch) and the direction to a target.
    [Differentiable]
    public static float AimError(float yaw, float pitch, Vector3 turret, Vector3 target)
    {
        var forward = new Vector3(MathF.Cos(pitch) * MathF.Sin(yaw), MathF.Sin(pitch), MathF.Cos(pitch) * MathF.Cos(yaw));
        Vector3 toTarget = Vector3.Normalize(target - turret);
        float cos = Math.Clamp(Vector3.Dot(forward, toTarget), -1f, 1f);
        return MathF.Acos(cos);
    }
}
