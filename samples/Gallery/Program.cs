using System;
using System.Globalization;

namespace Gallery;

/// <summary>Prints a few gradients of the gallery and trains the <see cref="LinearModel"/> by its own gradient.</summary>
public static class Program
{
    public static int Main()
    {
        var inv = CultureInfo.InvariantCulture;
        // Black–Scholes Greeks in one Backward.
        double dS = 0, dK = 0, dR = 0, dVol = 0, dT = 0;
        double price = Finance.BlackScholesCallBackward(100, 95, 0.01, 0.2, 0.5, ref dS, ref dK, ref dR, ref dVol, ref dT);
        Console.WriteLine(string.Format(inv, "call {0:F4}  delta {1:F4}  vega {2:F4}  rho {3:F4}  theta {4:F4}", price, dS, dVol, dR, -dT));

        // Standard deviation composed from Mean and Variance.
        var data = new[] { 1.0, 4.0, 2.5, 3.0 };
        var dData = new double[data.Length];
        double sd = Statistics.StandardDeviationBackward(data, dData);
        Console.WriteLine(string.Format(inv, "sd {0:F4}  ∂sd/∂x = [{1}]", sd, string.Join(", ", Array.ConvertAll(dData, v => v.ToString("F4", inv)))));

        // A model trained by its own gradient: y = 2·x0 − 3·x1 + 0.5.
        var random = new Random(7);
        var model = new LinearModel(2);
        var grad = new LinearModel(2);
        double loss = 0;
        for (int epoch = 0; epoch < 2000; epoch++)
        {
            var x = new[] { random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1 };
            double y = 2 * x[0] - 3 * x[1] + 0.5;
            grad.Clear();
            loss = model.LossBackward(x, y, grad);
            model.Step(grad, 0.1);
        }
        Console.WriteLine(string.Format(inv, "trained W = [{0:F3}, {1:F3}], B = {2:F3}, last loss {3:E2}", model.W[0], model.W[1], model.B, loss));

        // A curve whose parameters are an object ([WithRespectTo]): LossBackward(times, values, curve, ref grad), then curve.Step(grad, lr).
        var times = new double[9];
        var values = new double[9];
        for (int i = 0; i < times.Length; i++)
        {
            times[i] = 0.5 * i;
            values[i] = 2 * Math.Exp(-0.5 * times[i]) + 0.3;
        }
        var curve = Regression.Fit(times, values, 3000, 0.2);
        Console.WriteLine(string.Format(inv, "fitted A = {0:F3}, R = {1:F3}, O = {2:F3}", curve.Amplitude, curve.Rate, curve.Offset));
        bool fitted = Math.Abs(curve.Amplitude - 2) < 0.01 && Math.Abs(curve.Rate - 0.5) < 0.01 && Math.Abs(curve.Offset - 0.3) < 0.01;
        return fitted && Math.Abs(model.W[0] - 2) < 0.05 && Math.Abs(model.W[1] + 3) < 0.05 && Math.Abs(model.B - 0.5) < 0.05 ? 0 : 1;
    }
}
