using AutoDiffGen;

namespace Natural;

// A linear model with a soft-plus output, trained with its own generated gradient and momentum SGD.
public partial class CountRegressor
{
    public double[] Weights;
    public double Bias;

    public CountRegressor(int features)
    {
        Weights = new double[features];
    }

    public double Predict(double[] x)
    {
        double z = Bias;
        for (int j = 0; j < Weights.Length; j++) z += Weights[j] * x[j];
        return Math.Log(1 + Math.Exp(z));
    }

    [Differentiable(WithRespectToThis = true)]
    public double Loss(double[][] xs, double[] ys, double l2 = 0.01)
    {
        double loss = 0;
        for (int n = 0; n < xs.Length; n++)
        {
            double e = Predict(xs[n]) - ys[n];
            loss += e * e;
        }
        double penalty = 0;
        for (int j = 0; j < Weights.Length; j++) penalty += Weights[j] * Weights[j];
        return loss / xs.Length + l2 * penalty;
    }

    public void Clear()
    {
        Array.Clear(Weights);
        Bias = 0;
    }

    public static double Train(CountRegressor model, double[][] xs, double[] ys, int epochs, double lr, double momentum = 0.9)
    {
        var grad = new CountRegressor(model.Weights.Length);
        var velocity = new CountRegressor(model.Weights.Length);
        double loss = 0;
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            grad.Clear();
            loss = model.LossBackward(xs, ys, grad);
            for (int j = 0; j < model.Weights.Length; j++)
            {
                velocity.Weights[j] = momentum * velocity.Weights[j] - lr * grad.Weights[j];
                model.Weights[j] += velocity.Weights[j];
            }
            velocity.Bias = momentum * velocity.Bias - lr * grad.Bias;
            model.Bias += velocity.Bias;
        }
        return loss;
    }
}
