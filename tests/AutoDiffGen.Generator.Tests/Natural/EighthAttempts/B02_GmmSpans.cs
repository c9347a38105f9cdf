using AutoDiffGen;

namespace Natural;

// The GMM objective again with span slices of the flat arrays: each component's mean and icf row is a slice, the helpers
// take ReadOnlySpan<double> and write a Span<double>.
public static partial class GmmSpans
{
    private static double Mahalanobis(ReadOnlySpan<double> x, ReadOnlySpan<double> mean, ReadOnlySpan<double> icfRow, Span<double> work)
    {
        int d = x.Length;
        for (int i = 0; i < d; i++) work[i] = Math.Exp(icfRow[i]) * (x[i] - mean[i]);
        int l = d;
        for (int i = 0; i < d; i++)
        {
            for (int j = i + 1; j < d; j++)
            {
                work[j] += icfRow[l++] * (x[i] - mean[i]);
            }
        }

        double s = 0;
        for (int i = 0; i < d; i++) s += work[i] * work[i];
        return s;
    }

    private static double LogSumExp(ReadOnlySpan<double> v)
    {
        double max = double.NegativeInfinity;
        foreach (double e in v) max = Math.Max(max, e);
        double sum = 0;
        foreach (double e in v) sum += Math.Exp(e - max);
        return max + Math.Log(sum);
    }

    [Differentiable]
    public static double NegLogLikelihood(double[] alphas, double[] means, double[] icf, double[] x, int d)
    {
        int k = alphas.Length;
        int n = x.Length / d;
        int icfSize = d * (d + 1) / 2;
        Span<double> work = stackalloc double[d];
        Span<double> terms = stackalloc double[k];
        double total = 0;
        for (int ix = 0; ix < n; ix++)
        {
            ReadOnlySpan<double> point = x.AsSpan(ix * d, d);
            for (int ik = 0; ik < k; ik++)
            {
                ReadOnlySpan<double> row = icf.AsSpan(ik * icfSize, icfSize);
                double sumQ = 0;
                for (int i = 0; i < d; i++) sumQ += row[i];
                terms[ik] = alphas[ik] + sumQ - 0.5 * Mahalanobis(point, means.AsSpan(ik * d, d), row, work);
            }

            total += LogSumExp(terms);
        }

        return -(total - n * LogSumExp(alphas));
    }
}
