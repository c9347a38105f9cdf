using AutoDiffGen;

namespace Natural;

// Logistic and logit as one-liners, with the logit's range check; a log-loss built from them.
public static partial class SpecialFunctions
{
    [Differentiable]
    public static double Logistic(double p) => 1.0 / (Math.Exp(-p) + 1.0);

    [Differentiable]
    public static double Logit(double p)
    {
        if (p < 0.0 || p > 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(p), "The argument must be between 0 and 1.");
        }

        return Math.Log(p / (1.0 - p));
    }

    // Binary cross-entropy of a logistic model at one observation; the user's own code.
    [Differentiable]
    public static double LogLoss(double w, double b, double x, bool label)
    {
        double p = Logistic(w * x + b);
        return label ? -Math.Log(p) : -Math.Log(1.0 - p);
    }
}
