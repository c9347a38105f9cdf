namespace AutoDiffGen.Generator.Tests.Idioms15c;

/// <summary>
/// Issue 13, idioms15c: a goto inside a loop that is exactly a continue (to an empty label ending the body) or a break
/// (to the statement right after the loop), checked by hand and by central differences in <see cref="Idioms15cTests"/>.
/// </summary>
public static class Idioms15cExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class LoopJumps
        {
            // Continue-like: f = Σ over xᵢ ≥ 0 of xᵢ², so ∂f/∂xᵢ = 2xᵢ there and 0 where xᵢ < 0.
            [Differentiable(Forward = true)]
            public static double SkipNegative(double[] x)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    if (x[i] < 0) goto next;
                    s += x[i] * x[i];
                next: ;
                }
                return s;
            }

            // Break-like: r = x yᵐ, m the first m ≥ 1 with x yᵐ > 2 (else 10); f = r + x.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Grow(double x, double y)
            {
                double r = x;
                int k = 0;
                while (k < 10)
                {
                    r = r * y;
                    k++;
                    if (r > 2) goto done;
                }
            done:
                return r + x;
            }

            // A continue-like goto in the inner loop of two, from inside a nested if; the label ends the body.
            // f = Σᵢ Σⱼ [x wⱼ > i/2] sin(x wⱼ) (i = 0..2, j over w), skipping where x wⱼ ≤ i/2.
            [Differentiable(Forward = true)]
            public static double Nested(double x, double[] w)
            {
                double s = 0;
                for (int i = 0; i < 3; i++)
                {
                    foreach (var v in w)
                    {
                        double a = x * v;
                        if (a > 0) { if (a <= i * 0.5) goto skip; }
                        else goto skip;
                        s += Math.Sin(a);
                    skip: ;
                    }
                }
                return s;
            }

            // Break-like out of a do … while, the label after the loop also reached by falling out of it.
            // t = x, then t = t² + y until t > 3 or 5 rounds; f = 2t.
            [Differentiable(Hessian = true)]
            public static double Iterate(double x, double y)
            {
                double t = x;
                int n = 0;
                do
                {
                    t = t * t + y;
                    if (t > 3) goto out1;
                    n++;
                } while (n < 5);
            out1:
                return 2 * t;
            }
        }
        """;
}
