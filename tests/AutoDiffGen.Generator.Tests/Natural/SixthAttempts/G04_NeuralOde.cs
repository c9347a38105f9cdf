using AutoDiffGen;

namespace Natural;

// A tiny neural ODE: dy/dt = W2 tanh(W1 y + b1) + b2 in two dimensions, integrated by Heun's method (RK2).
public static partial class NeuralOde
{
    const int Hidden = 4;

    static void Field(double[] w1, double[] b1, double[] w2, double[] b2, double[] y, double[] dy)
    {
        var h = new double[Hidden];
        for (int j = 0; j < Hidden; j++)
            h[j] = Math.Tanh(w1[2 * j] * y[0] + w1[2 * j + 1] * y[1] + b1[j]);
        for (int i = 0; i < 2; i++)
        {
            double s = b2[i];
            for (int j = 0; j < Hidden; j++) s += w2[i * Hidden + j] * h[j];
            dy[i] = s;
        }
    }

    [Differentiable]
    public static double TrajectoryLoss(double[] w1, double[] b1, double[] w2, double[] b2, [NoDiff] double[] start, [NoDiff] double[,] observed, double dt = 0.1)
    {
        var y = new double[2];
        var k1 = new double[2];
        var k2 = new double[2];
        var mid = new double[2];
        y[0] = start[0];
        y[1] = start[1];
        double loss = 0;
        for (int step = 0; step < observed.GetLength(0); step++)
        {
            Field(w1, b1, w2, b2, y, k1);
            for (int i = 0; i < 2; i++) mid[i] = y[i] + dt * k1[i];
            Field(w1, b1, w2, b2, mid, k2);
            for (int i = 0; i < 2; i++) y[i] += 0.5 * dt * (k1[i] + k2[i]);
            for (int i = 0; i < 2; i++)
            {
                double e = y[i] - observed[step, i];
                loss += e * e;
            }
        }
        return loss;
    }
}
