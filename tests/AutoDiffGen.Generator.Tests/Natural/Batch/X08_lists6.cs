using AutoDiffGen;

namespace Users.Lists6;

// Lists as people use them (lists6, 2026-12-03): moved, cut, reversed, cleared, named twice.
public static partial class ListMoves6
{
    // A moving average over the last three prices of a path the parameters drive.
    [Differentiable]
    public static double MovingAverage(double drift, double vol)
    {
        var window = new List<double>();
        double price = 100, total = 0;
        for (int day = 0; day < 8; day++)
        {
            price *= 1 + drift + vol * Math.Sin(day);
            window.Add(price);
            if (window.Count > 3) window.RemoveAt(0);
            total += window.Average();
        }
        return total / 8;
    }

    // A stack of partial results: pushed with Add, popped with RemoveAt(Count - 1).
    [Differentiable]
    public static double StackMachine(double x, double y)
    {
        var stack = new List<double> { x, y };
        stack.Add(stack[^1] * stack[^2]);
        double top = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        stack.Add(top + Math.Exp(stack[^1] * 0.1));
        stack.Insert(0, stack[^1] * x);
        return stack.Sum();
    }

    // Losses collected per epoch, cleared at each epoch's start; the last epoch's mean is returned.
    [Differentiable]
    public static double EpochLoss(double w, double b)
    {
        var losses = new List<double>();
        double[] xs = { 0.5, -1.0, 2.0 }, ys = { 1.0, -0.5, 3.0 };
        for (int epoch = 0; epoch < 3; epoch++)
        {
            losses.Clear();
            for (int i = 0; i < xs.Length; i++)
            {
                double r = w * xs[i] + b - ys[i];
                losses.Add(r * r);
            }
            w -= 0.05 * losses.Average();
        }
        return losses.Average();
    }

    // Reversed weights, read through a second name of the list.
    [Differentiable]
    public static double ReversedThroughAlias(double x, double y)
    {
        var coefficients = new List<double> { x, y, x * y, 1.5 };
        var view = coefficients;
        view.Reverse();
        double s = 0;
        for (int k = 0; k < coefficients.Count; k++) s += coefficients[k] * Math.Pow(0.5, k);
        return s;
    }
}
