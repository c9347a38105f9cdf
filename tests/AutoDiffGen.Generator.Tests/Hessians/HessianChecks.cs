using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// One check of a Hessian method through wrappers over a flat <c>double[]</c> of its differentiable scalars: MHessian by
/// hand (when a hand value is given) and against central differences of MBackward's gradient, exactly symmetric and
/// overwritten; MHessianVector against central differences of the gradient along a direction and against MHessian·v.
/// </summary>
internal static class HessianChecks
{
    /// <summary>How closely a method's entries are checked: the central-difference step and, for float methods, the bounds.</summary>
    public sealed record Precision(double Step, bool Single, double HandRelative = 1e-5, double CentralRelative = 2e-3);

    /// <summary>A double method: step 1e-5, Tolerance.AssertFormula and AssertCentral.</summary>
    public static readonly Precision Double = new(1e-5, false);

    /// <summary>A float method: step 1e-2 (float's rounding swamps a finer one), bounds relative to the largest entry.</summary>
    public static readonly Precision Float = new(1e-2, true);

    public static void Check(string what, Func<double[], double[], double> hessian, Func<double[], double[], double[], double> vector,
        Action<double[], double[]> gradient, double[] p, double[]? hand, Precision precision)
    {
        int n = p.Length;
        var h = HessianModeTests.Symmetric(hessian, p);
        var central = HessianModeTests.CentralHessian(gradient, p, precision.Step);
        double scale = h.Max(Math.Abs) + 1;
        for (int q = 0; q < n * n; q++)
        {
            string at = what + " H[" + (q / n) + ", " + (q % n) + "]";
            Assert.False(double.IsNaN(h[q]), at + " was not written");
            if (hand is not null)
            {
                if (precision.Single) Tolerance.AssertClose(hand[q], h[q], precision.HandRelative * scale, at + " by hand (float)");
                else Tolerance.AssertFormula(hand[q], h[q], at + " by hand");
            }
            if (precision.Single) Tolerance.AssertClose(central[q], h[q], precision.CentralRelative * scale, at + " vs central differences of MBackward (float)");
            else Tolerance.AssertCentral(central[q], h[q], scale, at + " vs central differences of MBackward");
        }

        // H·v against (∇f(p + εv) − ∇f(p − εv)) / 2ε and against the matrix times v; v is dyadic (exact in float) and nowhere 0.
        var v = Enumerable.Range(0, n).Select(i => 0.5 + (0.25 * i) - (0.875 * (i % 2))).ToArray();
        var hv = new double[n];
        vector(p, v, hv);
        var up = new double[n];
        var down = new double[n];
        gradient(p.Select((x, i) => x + (precision.Step * v[i])).ToArray(), up);
        gradient(p.Select((x, i) => x - (precision.Step * v[i])).ToArray(), down);
        for (int i = 0; i < n; i++)
        {
            double along = (up[i] - down[i]) / (2 * precision.Step);
            double product = Enumerable.Range(0, n).Sum(j => h[(i * n) + j] * v[j]);
            string at = what + " (H·v)[" + i + "]";
            if (precision.Single)
            {
                Tolerance.AssertClose(along, hv[i], precision.CentralRelative * scale, at + " vs central differences of the gradient along v (float)");
                Tolerance.AssertClose(product, hv[i], precision.HandRelative * scale, at + " vs MHessian·v (float)");
            }
            else
            {
                Tolerance.AssertCentral(along, hv[i], scale, at + " vs central differences of the gradient along v");
                Tolerance.AssertFormula(product, hv[i], at + " vs MHessian·v");
            }
        }
    }
}
