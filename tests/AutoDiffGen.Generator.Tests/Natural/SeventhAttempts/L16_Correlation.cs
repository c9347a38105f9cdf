using AutoDiffGen;

namespace Natural;

// Sample covariance and Pearson correlation over two double[] of equal length (an ArgumentException with the library's
// message otherwise), with the means computed by a helper of the same class.
public static partial class Correlation
{
    private static double Mean(double[] data)
    {
        double sum = 0.0;
        for (int i = 0; i < data.Length; i++)
        {
            sum += data[i];
        }

        return sum / data.Length;
    }

    [Differentiable]
    public static double Covariance(double[] samples1, double[] samples2)
    {
        if (samples1.Length != samples2.Length)
        {
            throw new ArgumentException("All vectors must have the same dimensionality.");
        }

        if (samples1.Length <= 1)
        {
            return double.NaN;
        }

        double mean1 = Mean(samples1);
        double mean2 = Mean(samples2);
        double covariance = 0.0;
        for (int i = 0; i < samples1.Length; i++)
        {
            covariance += (samples1[i] - mean1) * (samples2[i] - mean2);
        }

        return covariance / (samples1.Length - 1);
    }

    [Differentiable]
    public static double Pearson(double[] dataA, double[] dataB)
    {
        int n = 0;
        double r = 0.0;
        double meanA = 0;
        double meanB = 0;
        double varA = 0;
        double varB = 0;

        // WARNING: do not try to "optimize" by summing up products instead of using differences: numerically unstable.
        for (int i = 0; i < dataA.Length; i++)
        {
            double currentA = dataA[i];
            double currentB = dataB[i];
            double deltaA = currentA - meanA;
            double scaleDeltaA = deltaA / ++n;
            double deltaB = currentB - meanB;
            double scaleDeltaB = deltaB / n;
            meanA += scaleDeltaA;
            meanB += scaleDeltaB;
            varA += scaleDeltaA * deltaA * (n - 1);
            varB += scaleDeltaB * deltaB * (n - 1);
            r += (deltaA * deltaB * (n - 1)) / n;
        }

        if (n != dataB.Length)
        {
            throw new ArgumentException("All vectors must have the same dimensionality.");
        }

        return r / Math.Sqrt(varA * varB);
    }
}
