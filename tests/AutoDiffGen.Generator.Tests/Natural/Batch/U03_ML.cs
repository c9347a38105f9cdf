using AutoDiffGen;

namespace Users.ML;

public static partial class Losses
{
    [Differentiable]
    public static double LogSumExp(double[] xs)
    {
        double m = xs.Max();
        double s = 0;
        foreach (var x in xs) s += Math.Exp(x - m);
        return m + Math.Log(s);
    }

    [Differentiable]
    public static double LogSumExpLinq(double[] xs)
    {
        double m = xs.Max();
        return m + Math.Log(xs.Sum(x => Math.Exp(x - m)));
    }

    [Differentiable]
    public static double CrossEntropy(double[] logits, int label)
    {
        double lse = LogSumExp(logits);
        return lse - logits[label];
    }

    [Differentiable]
    public static double BinaryCrossEntropy(double p, double y)
    {
        p = Math.Clamp(p, 1e-12, 1 - 1e-12);
        return -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p));
    }

    [Differentiable]
    public static double Huber(double residual, double delta = 1.0) => Math.Abs(residual) switch
    {
        var a when a <= delta => 0.5 * residual * residual,
        var a => delta * (a - 0.5 * delta),
    };

    [Differentiable]
    public static double Pinball(double y, double q, double tau)
    {
        double r = y - q;
        return r >= 0 ? tau * r : (tau - 1) * r;
    }

    [Differentiable]
    public static double SmoothL1(double x) => x switch
    {
        < -1 => -x - 0.5,
        > 1 => x - 0.5,
        _ => 0.5 * x * x,
    };

    [Differentiable]
    public static double Mse(double[] pred, [NoDiff] double[] target)
    {
        double sum = 0;
        for (int i = 0; i < pred.Length; i++)
        {
            var d = pred[i] - target[i];
            sum += d * d;
        }
        return sum / pred.Length;
    }

    [Differentiable]
    public static double MseLinq(double[] pred, [NoDiff] double[] target) =>
        pred.Select((p, i) => (p - target[i]) * (p - target[i])).Average();
}

public static partial class Activations
{
    [Differentiable] public static double Relu(double z) => Math.Max(0, z);
    [Differentiable] public static double LeakyRelu(double z, double alpha = 0.01) => z > 0 ? z : alpha * z;
    [Differentiable] public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));
    [Differentiable] public static double Softplus(double z) => z > 20 ? z : Math.Log(1 + Math.Exp(z));
    [Differentiable] public static double Gelu(double x) => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    [Differentiable] public static double Swish(double x) => x * Sigmoid(x);
}

public static partial class TinyNet
{
    const int Hidden = 2;
    static readonly double[] Bias = { 0.1, -0.2 };

    [Differentiable]
    public static double Forward(double[] w, double x)
    {
        // w: Hidden input weights, then Hidden output weights
        double y = 0;
        for (int h = 0; h < Hidden; h++)
        {
            double z = w[h] * x + Bias[h];
            y += w[Hidden + h] * Activations.Relu(z);
        }
        return y;
    }

    [Differentiable]
    public static double Loss(double[] w, [NoDiff] double[] xs, [NoDiff] double[] ys)
    {
        double loss = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double e = Forward(w, xs[i]) - ys[i];
            loss += e * e;
        }
        return loss / xs.Length;
    }

    [Differentiable]
    public static double Attention(double[] scores, [NoDiff] double[] values)
    {
        var weights = new double[scores.Length];
        double max = double.NegativeInfinity;
        for (int i = 0; i < scores.Length; i++) if (scores[i] > max) max = scores[i];
        double total = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            weights[i] = Math.Exp(scores[i] - max);
            total += weights[i];
        }
        double result = 0;
        for (int i = 0; i < scores.Length; i++) result += weights[i] / total * values[i];
        return result;
    }

    [Differentiable]
    public static double L2Penalty(double[] w, double lambda) => lambda * w.Sum(v => v * v);

    [Differentiable]
    public static double Norm(double[] v) => Math.Sqrt(v.Select(x => x * x).Sum());

    [Differentiable]
    public static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    [Differentiable]
    public static double WithList(double x, double y)
    {
        var terms = new List<double> { x * x, x * y, y * y };
        return terms.Sum();
    }
}
