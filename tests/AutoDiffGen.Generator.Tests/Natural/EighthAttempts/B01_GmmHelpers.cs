using AutoDiffGen;

namespace Natural;

// ADBench's GMM objective ported as its C++ is written: flat arrays, helpers that write their results into arrays
// (Subtract, QTimesX, PreprocessQs), a LogSumExp helper, and the Wishart prior.
public static partial class GmmObjective
{
    private static void Subtract(int d, double[] x, int xOffset, double[] y, int yOffset, double[] result)
    {
        for (int i = 0; i < d; i++) result[i] = x[xOffset + i] - y[yOffset + i];
    }

    private static double SquaredNorm(double[] x, int offset, int count)
    {
        double s = 0;
        for (int i = 0; i < count; i++) s += x[offset + i] * x[offset + i];
        return s;
    }

    private static double LogSumExp(double[] x)
    {
        double max = x[0];
        for (int i = 1; i < x.Length; i++) if (x[i] > max) max = x[i];
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += Math.Exp(x[i] - max);
        return Math.Log(sum) + max;
    }

    private static void PreprocessQs(int d, int k, double[] icf, double[] sumQs, double[] qDiags)
    {
        int icfSize = d * (d + 1) / 2;
        for (int ik = 0; ik < k; ik++)
        {
            sumQs[ik] = 0;
            for (int id = 0; id < d; id++)
            {
                double q = icf[ik * icfSize + id];
                sumQs[ik] += q;
                qDiags[ik * d + id] = Math.Exp(q);
            }
        }
    }

    private static void QTimesX(int d, double[] qDiags, int qOffset, double[] icf, int lOffset, double[] x, double[] result)
    {
        for (int i = 0; i < d; i++) result[i] = qDiags[qOffset + i] * x[i];
        int l = lOffset;
        for (int i = 0; i < d; i++)
        {
            for (int j = i + 1; j < d; j++)
            {
                result[j] += icf[l] * x[i];
                l++;
            }
        }
    }

    [Differentiable]
    public static double Objective(int d, int k, double[] alphas, double[] means, double[] icf, double[] x, double gamma, int m)
    {
        int n = x.Length / d;
        int icfSize = d * (d + 1) / 2;
        double constant = -n * d * 0.5 * Math.Log(2 * Math.PI);

        double[] qDiags = new double[d * k];
        double[] sumQs = new double[k];
        double[] centered = new double[d];
        double[] qCentered = new double[d];
        double[] mainTerm = new double[k];
        PreprocessQs(d, k, icf, sumQs, qDiags);

        double slse = 0;
        for (int ix = 0; ix < n; ix++)
        {
            for (int ik = 0; ik < k; ik++)
            {
                Subtract(d, x, ix * d, means, ik * d, centered);
                QTimesX(d, qDiags, ik * d, icf, ik * icfSize + d, centered, qCentered);
                mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * SquaredNorm(qCentered, 0, d);
            }

            slse += LogSumExp(mainTerm);
        }

        double lseAlphas = LogSumExp(alphas);
        double prior = 0;
        for (int ik = 0; ik < k; ik++)
        {
            double frobenius = SquaredNorm(qDiags, ik * d, d) + SquaredNorm(icf, ik * icfSize + d, icfSize - d);
            prior += 0.5 * gamma * gamma * frobenius - m * sumQs[ik];
        }

        return constant + slse - n * lseAlphas + prior;
    }
}
