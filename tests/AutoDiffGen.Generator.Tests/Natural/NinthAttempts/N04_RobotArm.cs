using System.Numerics;
using AutoDiffGen;

namespace Natural;

// Planar three-link arm posed with Matrix4x4; the loss is the squared distance of the end effector to a target.
public static partial class RobotArm
{
    static readonly float[] LinkLengths = { 1.0f, 0.8f, 0.5f };

    [Differentiable]
    public static float ReachError(float[] jointAngles, Vector3 target)
    {
        Matrix4x4 pose = Matrix4x4.Identity;
        for (int i = 0; i < jointAngles.Length; i++)
        {
            // Rotate about the joint, then move along the link (row-vector convention: the first transform applies first).
            pose = Matrix4x4.CreateTranslation(LinkLengths[i], 0, 0) * Matrix4x4.CreateRotationZ(jointAngles[i]) * pose;
        }
        Vector3 tip = Vector3.Transform(Vector3.Zero, pose);
        return Vector3.DistanceSquared(tip, target);
    }
}
