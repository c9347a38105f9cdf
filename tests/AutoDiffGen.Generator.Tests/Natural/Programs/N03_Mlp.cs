using AutoDiffGen;

namespace Natural;

// A one-hidden-layer perceptron trained by its own generated gradient.
public partial class Mlp
{
    public double[,] W1;
    public double[] B1;
    public double[] W2;
    public double B2;

    public Mlp(int inputs, int hidden, int seed = 1)
    {
        var rng = new Random(seed);
        W1 = new double[hidden, inputs];
        B1 = new double[hidden];
        W2 = new double[hidden];
        for (int h = 0; h < hidden; h++)
        {
            for (int i = 0; i < inputs; i++) W1[h, i] = rng.NextDouble() - 0.5;
            W2[h] = rng.NextDouble() - 0.5;
        }
    }

    public double Predict(double[] x)
    {
        double y = B2;
        for (int h = 0; h < B1.Length; h++)
        {
            double a = B1[h];
            for (int i = 0; i < x.Length; i++) a += W1[h, i] * x[i];
            y += W2[h] * Math.Tanh(a);
        }
        return y;
    }

    [Differentiable(WithRespectToThis = true)]
    public double Loss(double[] x, double target)
    {
        double y = B2;
        for (int h = 0; h < B1.Length; h++)
        {
            double a = B1[h];
            for (int i = 0; i < x.Length; i++) a += W1[h, i] * x[i];
            y += W2[h] * Math.Tanh(a);
        }
        double e = y - target;
        return 0.5 * e * e;
    }

    public void Clear()
    {
        Array.Clear(W1);
        Array.Clear(B1);
        Array.Clear(W2);
        B2 = 0;
    }

    public void Step(Mlp grad, double lr)
    {
        for (int h = 0; h < B1.Length; h++)
        {
            for (int i = 0; i < W1.GetLength(1); i++) W1[h, i] -= lr * grad.W1[h, i];
            B1[h] -= lr * grad.B1[h];
            W2[h] -= lr * grad.W2[h];
        }
        B2 -= lr * grad.B2;
    }

    public static double Train(Mlp model, double[][] xs, double[] ys, int epochs, double lr)
    {
        var grad = new Mlp(xs[0].Length, model.B1.Length);
        double last = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            last = 0;
            for (int n = 0; n < xs.Length; n++)
            {
                grad.Clear();
                last += model.LossBackward(xs[n], ys[n], grad);
                model.Step(grad, lr);
            }
        }
        return last / xs.Length;
    }
}
