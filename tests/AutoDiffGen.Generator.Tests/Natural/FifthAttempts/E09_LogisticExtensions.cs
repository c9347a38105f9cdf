using AutoDiffGen;

namespace Natural;

public static class VectorExtensions
{
    public static double Dot(this double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    public static double SquaredNorm(this double[] a) => a.Sum(v => v * v);
}

public sealed class Dataset
{
    public Dataset(double[][] features, bool[] labels)
    {
        Features = features;
        Labels = labels;
    }

    public double[][] Features { get; }
    public bool[] Labels { get; }
    public int Count => Labels.Length;
}

// L2-regularised logistic regression; the data sit in a class with properties, the vector maths in extension methods.
public static partial class Logistic
{
    [Differentiable]
    public static double Loss(double[] weights, double bias, [NoDiff] Dataset data, double lambda)
    {
        double total = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double z = weights.Dot(data.Features[i]) + bias;
            // log(1 + e^{-yz}) written stably
            double yz = data.Labels[i] ? z : -z;
            total += yz > 0 ? Math.Log(1 + Math.Exp(-yz)) : -yz + Math.Log(1 + Math.Exp(yz));
        }
        return total / data.Count + 0.5 * lambda * weights.SquaredNorm();
    }

    public static (double[] Weights, double Bias) Train(Dataset data, double lambda, int epochs = 300, double lr = 0.5)
    {
        var w = new double[data.Features[0].Length];
        double b = 0;
        for (int e = 0; e < epochs; e++)
        {
            var dw = new double[w.Length];
            double db = 0, dl = 0;
            LossBackward(w, b, data, lambda, dw, ref db, ref dl);
            for (int j = 0; j < w.Length; j++) w[j] -= lr * dw[j];
            b -= lr * db;
        }
        return (w, b);
    }
}
