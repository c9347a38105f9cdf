using System.Numerics;
using AutoDiffGen;

namespace Natural;

// A 1-D Gaussian mixture's negative log-likelihood, written once for float and double.
public static partial class Mixture
{
    [Differentiable]
    public static T NegLogLikelihood<T>(T[] means, T[] logSigmas, T[] logits, [NoDiff] T[] data)
        where T : IFloatingPointIeee754<T>
    {
        int k = means.Length;
        T half = T.CreateChecked(0.5);
        T logSqrtTwoPi = T.CreateChecked(0.91893853320467274);

        // log of the softmax normaliser of the mixing weights
        T maxLogit = logits[0];
        for (int j = 1; j < k; j++) maxLogit = T.Max(maxLogit, logits[j]);
        T norm = T.Zero;
        for (int j = 0; j < k; j++) norm += T.Exp(logits[j] - maxLogit);
        T logNorm = maxLogit + T.Log(norm);

        T nll = T.Zero;
        foreach (T x in data)
        {
            // log-sum-exp over the components
            T best = T.NegativeInfinity;
            var terms = new T[k];
            for (int j = 0; j < k; j++)
            {
                T z = (x - means[j]) / T.Exp(logSigmas[j]);
                terms[j] = logits[j] - logNorm - logSigmas[j] - logSqrtTwoPi - half * z * z;
                if (terms[j] > best) best = terms[j];
            }
            T sum = T.Zero;
            for (int j = 0; j < k; j++) sum += T.Exp(terms[j] - best);
            nll -= best + T.Log(sum);
        }
        return nll / T.CreateChecked(data.Length);
    }
}
