using System.Numerics;
using AutoDiffGen;

namespace Natural;

// A ball thrown at a wall-less floor: gravity, air drag, bounces with restitution. Tune the throw to land on a mark.
public static partial class Bounce
{
    const float Gravity = 9.81f;

    [Differentiable]
    public static float LandingMiss(Vector2 velocity, float restitution, float drag, Vector2 mark, int steps = 300, float dt = 0.01f)
    {
        var position = new Vector2(0, 1);
        for (int i = 0; i < steps; i++)
        {
            velocity -= velocity * (drag * dt);
            velocity.Y -= Gravity * dt;
            position += velocity * dt;
            if (position.Y < 0)
            {
                // reflect off the floor, losing energy
                position.Y = -position.Y * restitution;
                velocity.Y = -velocity.Y * restitution;
            }
        }
        return Vector2.DistanceSquared(position, mark);
    }

    public static Vector2 Aim(Vector2 mark, float restitution, float drag)
    {
        var v = new Vector2(2, 2);
        for (int it = 0; it < 200; it++)
        {
            var dv = Vector2.Zero;
            float dr = 0, dd = 0;
            var dm = Vector2.Zero;
            LandingMissBackward(v, restitution, drag, mark, ref dv, ref dr, ref dd, ref dm);
            v -= 0.05f * dv;
        }
        return v;
    }
}
