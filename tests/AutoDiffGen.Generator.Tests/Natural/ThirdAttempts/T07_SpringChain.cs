using System.Numerics;
using AutoDiffGen;

namespace Natural;

// A hanging chain of point masses joined by springs; node 0 is pinned. Energy and a short simulation.
public static partial class Chain
{
    [Differentiable]
    public static float Energy(Vector3[] positions, float stiffness, float restLength, float mass)
    {
        float energy = 0;
        for (int i = 0; i + 1 < positions.Length; i++)
        {
            float stretch = Vector3.Distance(positions[i], positions[i + 1]) - restLength;
            energy += 0.5f * stiffness * stretch * stretch;
        }
        foreach (var p in positions) energy += mass * 9.81f * p.Y;
        return energy;
    }

    [Differentiable]
    public static float EndPointMiss(Vector3[] start, float stiffness, Vector3 target, int steps, float dt)
    {
        var pos = new Vector3[start.Length];
        var vel = new Vector3[start.Length];
        Array.Copy(start, pos, start.Length);
        for (int s = 0; s < steps; s++)
        {
            for (int i = 1; i < pos.Length; i++)
            {
                Vector3 force = new Vector3(0, -9.81f, 0);
                Vector3 up = pos[i] - pos[i - 1];
                force -= stiffness * (up.Length() - 1f) * Vector3.Normalize(up);
                if (i + 1 < pos.Length)
                {
                    Vector3 down = pos[i + 1] - pos[i];
                    force += stiffness * (down.Length() - 1f) * Vector3.Normalize(down);
                }
                vel[i] += dt * force;
            }
            for (int i = 1; i < pos.Length; i++) pos[i] += dt * vel[i];
        }
        return Vector3.DistanceSquared(pos[^1], target);
    }
}
