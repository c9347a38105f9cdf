using System;
using System.Linq;
using System.Numerics;
using AutoDiffGen;

namespace Gallery;

/// <summary>A differential-drive robot's pose on the floor: get-only properties set by its constructor.</summary>
public readonly struct Pose
{
    public float X { get; }
    public float Y { get; }
    public float Heading { get; }

    public Pose(float x, float y, float heading)
    {
        X = x;
        Y = y;
        Heading = heading;
    }

    public Vector2 Location => new Vector2(X, Y);
}

/// <summary>Robotics, written as a first-time user would: a readonly pose struct, a planar arm over an angle array.</summary>
public static partial class Robotics
{
    /// <summary>One odometry step of a differential-drive robot from its two wheels' travel.</summary>
    [Differentiable]
    public static Pose Drive(Pose pose, float left, float right, float wheelBase)
    {
        float forward = 0.5f * (left + right);
        float turn = (right - left) / wheelBase;
        return new Pose(pose.X + forward * MathF.Cos(pose.Heading), pose.Y + forward * MathF.Sin(pose.Heading), pose.Heading + turn);
    }

    /// <summary>Squared distance from the goal after driving the wheel travels, one <c>Drive</c> step each.</summary>
    [Differentiable]
    public static float OdometryError(float[] leftWheel, float[] rightWheel, Vector2 goal)
    {
        var pose = new Pose(0, 0, 0);
        for (int i = 0; i < leftWheel.Length; i++) pose = Drive(pose, leftWheel[i], rightWheel[i], 0.5f);
        return Vector2.DistanceSquared(pose.Location, goal);
    }

    /// <summary>Reach loss of a three-link planar arm (squared distance to the target, plus a small penalty on the joint angles).</summary>
    [Differentiable]
    public static float ThreeLinkReachLoss(float[] angles, Vector2 target)
    {
        float[] lengths = { 1.0f, 0.7f, 0.4f };
        var position = Vector2.Zero;
        float heading = 0;
        for (int i = 0; i < angles.Length; i++)
        {
            heading += angles[i];
            position += lengths[i] * new Vector2(MathF.Cos(heading), MathF.Sin(heading));
        }
        return Vector2.DistanceSquared(position, target) + 0.01f * angles.Sum(a => a * a);
    }

    /// <summary>
    /// Reach loss of a two-link planar arm (links 1 and 0.8) written with System.Numerics transforms: the hand is the
    /// forearm's tip turned by the elbow, moved along the upper arm and turned by the shoulder (row vectors: the first
    /// transform applied is the leftmost).
    /// </summary>
    [Differentiable]
    public static float MatrixArmReachLoss(float shoulder, float elbow, Vector2 target)
    {
        var arm = Matrix3x2.CreateRotation(elbow) * Matrix3x2.CreateTranslation(1f, 0f) * Matrix3x2.CreateRotation(shoulder);
        var hand = Vector2.Transform(new Vector2(0.8f, 0f), arm);
        return Vector2.DistanceSquared(hand, target);
    }

    /// <summary>Height of a point of a body turned by a joint about its z axis after a fixed tilt about x (quaternions).</summary>
    [Differentiable]
    public static float RotatedPointHeight(float angle, Vector3 point)
    {
        var tilt = Quaternion.CreateFromAxisAngle(Vector3.UnitX, 0.3f);
        var joint = Quaternion.CreateFromAxisAngle(Vector3.UnitZ, angle);
        return Vector3.Transform(point, Quaternion.Concatenate(joint, tilt)).Y;
    }
}
