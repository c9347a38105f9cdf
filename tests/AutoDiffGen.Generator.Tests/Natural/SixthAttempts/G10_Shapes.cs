using AutoDiffGen;

namespace Natural;

// Springs and pendulums share an energy interface; minimise the total energy of a small assembly.
public abstract class Component
{
    public abstract double Energy(double x);

    public virtual double Weight => 1.0;
}

public sealed class Spring : Component
{
    public Spring(double k, double rest) { K = k; Rest = rest; }
    public double K { get; }
    public double Rest { get; }
    public override double Energy(double x) => 0.5 * K * (x - Rest) * (x - Rest);
}

public sealed class Pendulum : Component
{
    public Pendulum(double mass, double length) { Mass = mass; Length = length; }
    public double Mass { get; }
    public double Length { get; }
    public override double Energy(double x) => Mass * 9.81 * Length * (1 - Math.Cos(x));
    public override double Weight => Mass;
}

public static partial class Assembly
{
    [Differentiable]
    public static double TotalEnergy(double[] positions, [NoDiff] Component[] parts)
    {
        double total = 0;
        for (int i = 0; i < parts.Length; i++)
            total += parts[i].Weight * parts[i].Energy(positions[i]);
        return total;
    }
}
