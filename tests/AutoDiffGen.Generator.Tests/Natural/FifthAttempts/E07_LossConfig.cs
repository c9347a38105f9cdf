using AutoDiffGen;

namespace Natural;

public enum LossKind { Squared, Absolute, Huber, LogCosh }

// The loss is picked by name from a config file; the maths underneath is the same for each.
public static partial class ConfiguredLoss
{
    public static LossKind Parse(string name) => Enum.Parse<LossKind>(name, ignoreCase: true);

    [Differentiable]
    public static double Mean(double[] predictions, [NoDiff] double[] targets, LossKind kind, double delta = 1.0)
    {
        if (predictions.Length != targets.Length)
            throw new ArgumentException($"expected {targets.Length} predictions, got {predictions.Length}");
        double total = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double r = predictions[i] - targets[i];
            total += kind switch
            {
                LossKind.Squared => r * r,
                LossKind.Absolute => Math.Abs(r),
                LossKind.Huber => Math.Abs(r) <= delta ? 0.5 * r * r : delta * (Math.Abs(r) - 0.5 * delta),
                LossKind.LogCosh => Math.Log(Math.Cosh(r)),
                _ => throw new NotSupportedException(kind.ToString()),
            };
        }
        return total / predictions.Length;
    }

    [Differentiable]
    public static double ByName(double[] predictions, [NoDiff] double[] targets, string lossName)
    {
        switch (lossName.ToLowerInvariant())
        {
            case "mse":
            case "squared":
                return Mean(predictions, targets, LossKind.Squared);
            case "mae":
                return Mean(predictions, targets, LossKind.Absolute);
            case "huber":
                return Mean(predictions, targets, LossKind.Huber, 0.5);
            default:
                return Mean(predictions, targets, Parse(lossName));
        }
    }
}
