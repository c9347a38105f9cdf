using System.Numerics;
using AutoDiffGen;

namespace Natural;

public static partial class Cloth
{
    // Potential energy of a cloth: springs between particle pairs plus gravity.
    [Differentiable]
    public static float Energy(Vector3[] positions, int[] springA, int[] springB, float[] restLengths, float stiffness, float mass)
    {
        var gravity = new Vector3(0, -9.81f, 0);
        float energy = 0;
        for (int s = 0; s < springA.Length; s++)
        {
            float stretch = Vector3.Distance(positions[springA[s]], positions[springB[s]]) - restLengths[s];
            energy += 0.5f * stiffness * stretch * stretch;
        }
        foreach (var p in positions)
            energy -= mass * Vector3.Dot(gravity, p);
        return energy;
    }
}
