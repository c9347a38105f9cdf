using AutoDiffGen;

namespace Natural;

// Logistic population growth dN/dt = r N (1 - N/K), integrated with explicit Euler steps; fit r and K to yearly counts.
public static partial class Growth
{
    [Differentiable]
    public static double SquaredError(double rate, double capacity, List<double> counts, double n0, double dt = 0.1, int stepsPerYear = 10)
    {
        var path = new List<double> { n0 };
        double n = n0;
        for (int year = 1; year < counts.Count; year++)
        {
            for (int s = 0; s < stepsPerYear; s++)
                n += dt * rate * n * (1 - n / capacity);
            path.Add(n);
        }

        double error = 0;
        for (int i = 0; i < counts.Count; i++)
        {
            double d = path[i] - counts[i];
            error += d * d;
        }
        return error / counts.Count;
    }

    public static (double Rate, double Capacity) Fit(List<double> counts, int iterations = 5000, double lr = 1e-3)
    {
        double rate = 0.5, capacity = counts.Max() * 1.5;
        for (int it = 0; it < iterations; it++)
        {
            double dRate = 0, dCapacity = 0, dN0 = 0;
            var dCounts = new double[counts.Count];
            SquaredErrorBackward(rate, capacity, counts, counts[0], ref dRate, ref dCapacity, dCounts, ref dN0);
            rate -= lr * dRate;
            capacity -= lr * 100 * dCapacity;
        }
        return (rate, capacity);
    }
}
