using System;
using AutoDiffGen;

namespace Gallery;

/// <summary>Machine learning losses: logistic regression, softmax cross-entropy, Huber.</summary>
public static partial class MachineLearning
{
    /// <summary>Mean logistic-regression loss over a feature matrix (one example per row).</summary>
    [Differentiable]
    public static double LogisticRegressionLoss(double[] weights, double bias, [NoDiff] double[,] features, [NoDiff] double[] labels)
    {
        double loss = 0;
        for (int r = 0; r < features.GetLength(0); r++)
        {
            double z = bias;
            for (int c = 0; c < weights.Length; c++) z += weights[c] * features[r, c];
            double p = 1.0 / (1.0 + Math.Exp(-z));
            loss -= labels[r] * Math.Log(p) + (1 - labels[r]) * Math.Log(1 - p);
        }
        return loss / labels.Length;
    }

    /// <summary>−log softmax(logits)[label], through a helper that writes the probabilities into an array.</summary>
    [Differentiable]
    public static double SoftmaxCrossEntropy(double[] logits, int label)
    {
        var p = new double[logits.Length];
        SoftmaxInto(logits, p);
        return -Math.Log(p[label]);
    }

    /// <summary>p = softmax(logits), with the max subtracted first.</summary>
    [Differentiable]
    private static void SoftmaxInto(double[] logits, double[] p)
    {
        double max = logits[0];
        for (int i = 1; i < logits.Length; i++) max = Math.Max(max, logits[i]);
        double sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            p[i] = Math.Exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.Length; i++) p[i] /= sum;
    }

    [Differentiable]
    public static double Huber(double residual, double delta) =>
        Math.Abs(residual) <= delta ? 0.5 * residual * residual : delta * (Math.Abs(residual) - 0.5 * delta);

    /// <summary>A one-hidden-unit network's squared error: tanh(w1·x + b1)·w2 + b2 against a target.</summary>
    [Differentiable]
    public static double TinyNetworkLoss(double[] w1, double b1, double w2, double b2, [NoDiff] double[] x, [NoDiff] double target)
    {
        double z = b1;
        for (int i = 0; i < x.Length; i++) z += w1[i] * x[i];
        double prediction = Math.Tanh(z) * w2 + b2;
        double error = prediction - target;
        return error * error;
    }
}

/// <summary>
/// A model trained by its own gradient: <c>[Differentiable(WithRespectToThis = true)]</c> makes <c>W</c> and <c>B</c> inputs,
/// and <c>LossBackward(x, y, grad)</c> adds ∂loss/∂W into <c>grad.W</c> and ∂loss/∂B into <c>grad.B</c>.
/// </summary>
public sealed partial class LinearModel
{
    public double[] W;
    public double B;

    /// <summary>A hyper-parameter: not a parameter of the model, so it gets no gradient.</summary>
    [NoDiff] public double L2 = 1e-3;

    public LinearModel(int features) => W = new double[features];

    [Differentiable(WithRespectToThis = true)]
    public double Predict([NoDiff] double[] x)
    {
        double z = B;
        for (int i = 0; i < W.Length; i++) z += W[i] * x[i];
        return z;
    }

    /// <summary>Squared error on one example plus an L2 penalty on the weights.</summary>
    [Differentiable(WithRespectToThis = true)]
    public double Loss([NoDiff] double[] x, [NoDiff] double y)
    {
        double error = Predict(x) - y;
        double penalty = 0;
        for (int i = 0; i < W.Length; i++) penalty += W[i] * W[i];
        return 0.5 * error * error + L2 * penalty;
    }

    /// <summary>One step of gradient descent.</summary>
    public void Step(LinearModel gradient, double learningRate)
    {
        for (int i = 0; i < W.Length; i++) W[i] -= learningRate * gradient.W[i];
        B -= learningRate * gradient.B;
    }

    /// <summary>Zeroes this model, for reuse as a gradient (Backward adds into it).</summary>
    public void Clear()
    {
        Array.Clear(W);
        B = 0;
    }
}
