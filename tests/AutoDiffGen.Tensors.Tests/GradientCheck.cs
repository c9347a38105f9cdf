using System;
using AutoDiffGen.Tensors;
using Xunit;

namespace AutoDiffGen.Tensors.Tests
{
    /// <summary>
    /// Central-difference checks of pullbacks. The probe is L = Σ result ⊙ G for a fixed random seed G
    /// (so dResult = G), accumulated in float64 so that float32 rounding does not swamp the difference.
    /// Adjoints start from random values, which also checks that pullbacks add instead of overwriting.
    /// Tolerance (finite differences, not a sum bound): |numeric − analytic| ≤ tol·(1 + |numeric|), an
    /// absolute plus a relative part. With H = 1e-2 the truncation error is H²·|f‴|/6 (about 1e-5 relative
    /// for these smooth ops); float32 rounding of the forward pass enters as about n·ε·Σ|term| / H, at most
    /// a few 1e-4 for the small shapes used here (n ≤ 24 terms of O(1)) on either vector width. 2e-3 sits
    /// above both and far below a wrong pullback (a missing term or factor is an O(1) error).
    /// </summary>
    internal static class GradientCheck
    {
        private const double H = 1e-2;

        /// <summary>Checks a tensor-valued op with pullback(result, dResult, adjoints).</summary>
        public static void TensorOp(Func<Tensor> forward, Tensor[] inputs, Action<Tensor, Tensor, Tensor?[]> pullback, double tolerance = 2e-3)
        {
            Tensor result = forward();
            Tensor seed = Reference.Random(result.Rows, result.Columns, seed: 99);
            Tensor dResult = result.ZeroAdjoint();
            dResult.Span.Clear();
            seed.Span.CopyTo(dResult.Span);
            Check(() => Dot(forward(), seed), inputs, adjoints => pullback(result, dResult, adjoints), tolerance);
        }

        /// <summary>Checks a float-valued op with pullback(result, dResult, adjoints), dResult = 1.7.</summary>
        public static void ScalarOp(Func<float> forward, Tensor[] inputs, Action<float, float, Tensor?[]> pullback, double tolerance = 2e-3)
        {
            const float dResult = 1.7f;
            float result = forward();
            Check(() => dResult * (double)forward(), inputs, adjoints => pullback(result, dResult, adjoints), tolerance);
        }

        private static void Check(Func<double> probe, Tensor[] inputs, Action<Tensor?[]> pullback, double tolerance)
        {
            var adjoints = new Tensor?[inputs.Length];
            var initial = new float[inputs.Length][];
            for (int i = 0; i < inputs.Length; i++)
            {
                adjoints[i] = Reference.Random(inputs[i].Rows, inputs[i].Columns, seed: 1000 + i);
                if (inputs[i].Rank == 1)
                {
                    adjoints[i] = Tensor.FromArray(adjoints[i]!.Span);
                }

                initial[i] = adjoints[i]!.ToArray();
            }

            pullback(adjoints);

            for (int i = 0; i < inputs.Length; i++)
            {
                Tensor x = inputs[i];
                for (int e = 0; e < x.Length; e++)
                {
                    float saved = x[e];
                    x[e] = (float)(saved + H);
                    double plus = probe();
                    x[e] = (float)(saved - H);
                    double minus = probe();
                    x[e] = saved;
                    double numeric = (plus - minus) / (2 * H);
                    double analytic = adjoints[i]![e] - (double)initial[i][e];
                    double allowed = tolerance * (1 + Math.Abs(numeric));
                    if (!(Math.Abs(numeric - analytic) <= allowed))
                    {
                        Assert.Fail($"input {i} element {e}: pullback gives {analytic}, central difference {numeric}.");
                    }
                }
            }
        }

        private static double Dot(Tensor a, Tensor b)
        {
            double sum = 0;
            for (int i = 0; i < a.Length; i++)
            {
                sum += (double)a[i] * b[i];
            }

            return sum;
        }
    }
}
