using AutoDiffGen;

namespace Natural;

// A decay model's parameters kept in a record, updated immutably with `with` during fitting.
public record DecayParams(double Amplitude, double Rate, double Offset);

public static partial class DecayFit
{
    [Differentiable]
    public static double Loss(DecayParams p, [NoDiff] double[] times, [NoDiff] double[] values)
    {
        double sum = 0;
        for (int i = 0; i < times.Length; i++)
        {
            double model = p.Amplitude * Math.Exp(-p.Rate * times[i]) + p.Offset;
            sum += (model - values[i]) * (model - values[i]);
        }
        // keep the rate near a tenth of a unit unless the data insist
        var prior = p with { Rate = 0.1 };
        return sum / times.Length + 0.01 * (p.Rate - prior.Rate) * (p.Rate - prior.Rate);
    }

    public static DecayParams Fit(double[] times, double[] values, int iterations = 3000, double lr = 0.05)
    {
        var p = new DecayParams(1, 0.5, 0);
        for (int it = 0; it < iterations; it++)
        {
            var grad = new DecayParams(0, 0, 0);
            LossBackward(p, times, values, ref grad);
            p = p with
            {
                Amplitude = p.Amplitude - lr * grad.Amplitude,
                Rate = p.Rate - lr * grad.Rate,
                Offset = p.Offset - lr * grad.Offset,
            };
        }
        return p;
    }
}
