using System.Numerics;
using AutoDiffGen;

namespace Natural;

// A 2-D rigid body: the pose (angle, translation) as a Matrix3x2, the body's points moved by it, the loss the squared
// distance to where they should be.
public static partial class RigidBody2D
{
    [Differentiable]
    public static float FitPose(float angle, Vector2 translation, Vector2[] body, Vector2[] targets)
    {
        Matrix3x2 pose = Matrix3x2.CreateRotation(angle) * Matrix3x2.CreateTranslation(translation);
        float loss = 0f;
        for (int i = 0; i < body.Length; i++)
        {
            Vector2 moved = Vector2.Transform(body[i], pose);
            loss += (moved - targets[i]).LengthSquared();
        }

        return loss;
    }
}
