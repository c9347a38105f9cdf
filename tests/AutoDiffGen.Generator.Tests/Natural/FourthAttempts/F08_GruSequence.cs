using AutoDiffGen;

namespace Natural;

// A one-layer GRU reading a sequence of feature vectors and predicting a scalar at every step; trained on its
// own state with WithRespectToThis.
public partial class GruRegressor
{
    public double[,] Wz, Uz, Wr, Ur, Wh, Uh;
    public double[] Bz, Br, Bh, Out;
    public double OutBias;

    public GruRegressor(int inputs, int hidden, int seed = 1)
    {
        var rng = new Random(seed);
        double[,] M(int rows, int cols)
        {
            var m = new double[rows, cols];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++)
                    m[i, j] = (rng.NextDouble() - 0.5) * 0.5;
            return m;
        }
        Wz = M(hidden, inputs); Uz = M(hidden, hidden);
        Wr = M(hidden, inputs); Ur = M(hidden, hidden);
        Wh = M(hidden, inputs); Uh = M(hidden, hidden);
        Bz = new double[hidden]; Br = new double[hidden]; Bh = new double[hidden];
        Out = new double[hidden];
        for (int i = 0; i < hidden; i++) Out[i] = (rng.NextDouble() - 0.5) * 0.5;
    }

    static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    [Differentiable(WithRespectToThis = true)]
    public double SequenceLoss([NoDiff] double[][] inputs, [NoDiff] double[] targets)
    {
        int hidden = Bz.Length;
        var h = new double[hidden];
        double loss = 0;
        for (int t = 0; t < inputs.Length; t++)
        {
            double[] x = inputs[t];
            var z = new double[hidden];
            var r = new double[hidden];
            for (int i = 0; i < hidden; i++)
            {
                double az = Bz[i], ar = Br[i];
                for (int j = 0; j < x.Length; j++) { az += Wz[i, j] * x[j]; ar += Wr[i, j] * x[j]; }
                for (int j = 0; j < hidden; j++) { az += Uz[i, j] * h[j]; ar += Ur[i, j] * h[j]; }
                z[i] = Sigmoid(az);
                r[i] = Sigmoid(ar);
            }
            var hNew = new double[hidden];
            for (int i = 0; i < hidden; i++)
            {
                double a = Bh[i];
                for (int j = 0; j < x.Length; j++) a += Wh[i, j] * x[j];
                for (int j = 0; j < hidden; j++) a += Uh[i, j] * (r[j] * h[j]);
                hNew[i] = (1 - z[i]) * h[i] + z[i] * Math.Tanh(a);
            }
            h = hNew;

            double y = OutBias;
            for (int i = 0; i < hidden; i++) y += Out[i] * h[i];
            loss += (y - targets[t]) * (y - targets[t]);
        }
        return loss / inputs.Length;
    }

    public void Clear()
    {
        foreach (var m in new[] { Wz, Uz, Wr, Ur, Wh, Uh }) Array.Clear(m);
        foreach (var v in new[] { Bz, Br, Bh, Out }) Array.Clear(v);
        OutBias = 0;
    }

    public void Step(GruRegressor grad, double lr)
    {
        var mine = new[] { Wz, Uz, Wr, Ur, Wh, Uh };
        var theirs = new[] { grad.Wz, grad.Uz, grad.Wr, grad.Ur, grad.Wh, grad.Uh };
        for (int k = 0; k < mine.Length; k++)
            for (int i = 0; i < mine[k].GetLength(0); i++)
                for (int j = 0; j < mine[k].GetLength(1); j++)
                    mine[k][i, j] -= lr * theirs[k][i, j];
        var vs = new[] { Bz, Br, Bh, Out };
        var gs = new[] { grad.Bz, grad.Br, grad.Bh, grad.Out };
        for (int k = 0; k < vs.Length; k++)
            for (int i = 0; i < vs[k].Length; i++)
                vs[k][i] -= lr * gs[k][i];
        OutBias -= lr * grad.OutBias;
    }

    public static double Train(GruRegressor model, double[][] inputs, double[] targets, int epochs, double lr)
    {
        var grad = new GruRegressor(inputs[0].Length, model.Bz.Length);
        double loss = 0;
        for (int e = 0; e < epochs; e++)
        {
            grad.Clear();
            loss = model.SequenceLossBackward(inputs, targets, grad);
            model.Step(grad, lr);
        }
        return loss;
    }
}
