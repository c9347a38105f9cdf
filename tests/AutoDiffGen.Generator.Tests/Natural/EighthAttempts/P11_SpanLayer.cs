using AutoDiffGen;

namespace Natural;

// A small dense layer with tanh written over spans, its hidden activations in a stackalloc buffer, and a thin
// [Differentiable] wrapper over arrays that the training loop calls.
public static partial class SpanLayer
{
    private static void Dense(ReadOnlySpan<double> weights, ReadOnlySpan<double> bias, ReadOnlySpan<double> input, Span<double> output)
    {
        for (int o = 0; o < output.Length; o++)
        {
            double s = bias[o];
            for (int i = 0; i < input.Length; i++) s += weights[o * input.Length + i] * input[i];
            output[o] = Math.Tanh(s);
        }
    }

    [Differentiable]
    public static double Loss(double[] weights, double[] bias, double[] input, double target)
    {
        Span<double> hidden = stackalloc double[bias.Length];
        Dense(weights, bias, input, hidden);
        double sum = 0;
        foreach (double h in hidden) sum += h;
        double e = sum - target;
        return e * e;
    }
}
