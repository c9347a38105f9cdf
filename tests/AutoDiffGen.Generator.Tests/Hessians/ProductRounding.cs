namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// How far MHessianVector along v (H·v) may be from MHessian·v by rounding alone. Both sum the same terms in another order
/// (MHessian's unit seeds fold the tangent away), so they differ by up to n·ε·Σ|terms| — and the terms are the ones the
/// product adds inside the method, which can dwarf the entry: hess16's P170, <c>Math.Atan(-3.0 / Math.Cos(c))</c> at
/// c = 1.570765 (3e-5 from π/2, where the gradient is smooth: −3 sin c/(cos²c + 9)), adds two terms of about 2e4 into
/// H_cc ≈ −1.3e-5, and H·v was −2.4855358e-06 against MHessian·v −2.4855370e-06. Σ|terms| is not visible from outside, so
/// it is measured: a few ulps away from x the true H·v moves by a third derivative times 1e-16 (nothing), while the rounding
/// of those terms lands elsewhere; the spread of both sides over such points is ε·Σ|terms| to within a small factor. A
/// wrong product stays wrong a few ulps away, so the bound does not grow with it; and a spread beyond what rounding of a
/// smooth product gives (1e-9 of its scale) fails on its own.
/// </summary>
internal static class ProductRounding
{
    private const double Epsilon = 2.220446049250313e-16;

    /// <summary>null when H·v at <paramref name="x"/> is MHessian·v to rounding; otherwise what differs.</summary>
    /// <param name="x">The point.</param>
    /// <param name="v">The direction.</param>
    /// <param name="hessianAt">MHessian (row-major n × n) at a point.</param>
    /// <param name="productAt">MHessianVector along <paramref name="v"/> at a point.</param>
    public static string? Compare(double[] x, double[] v, Func<double[], double[]> hessianAt, Func<double[], double[]> productAt)
    {
        int n = v.Length;
        double[] Times(double[] h) => Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Sum(j => h[i * n + j] * v[j])).ToArray();
        var h = hessianAt(x);
        var expected = Times(h);
        var hv = productAt(x);
        var spread = new double[n];
        for (int k = 1; k <= 3; k++)
        {
            // Each coordinate 4k ulps of max(1, |x|) away, alternating in sign: the same smooth H·v, rounded otherwise. (Ulps of
            // max(1, |x|), not of x, since hess20: its P36 reads atan(b) − b ≈ −b³/3 at b = −0.013, whose rounding 4 ulps of b
            // do not change, so the spread read 0 while terms of ~1e4 cancel to an exactly zero Hessian: 2.5e-12 against 1.0e-12.)
            var near = x.Select((xi, j) => xi + (((j + k) % 2 == 0 ? 1 : -1) * 4 * k * Epsilon * Math.Max(1, Math.Abs(xi)))).ToArray();
            var nearExpected = Times(hessianAt(near));
            var nearProduct = productAt(near);
            for (int i = 0; i < n; i++) spread[i] = Math.Max(spread[i], Math.Max(Math.Abs(nearExpected[i] - expected[i]), Math.Abs(nearProduct[i] - hv[i])));
        }
        for (int i = 0; i < n; i++)
        {
            double size = Enumerable.Range(0, n).Sum(j => Math.Abs(h[i * n + j] * v[j]));
            if (!(spread[i] <= 1e-9 * Math.Max(1, size)))
                return $"H·v entry {i} moves by {spread[i]:R} a few ulps away: more than rounding of a smooth product";
            // n·ε·Σ|terms|: Σ|terms| at least H·v's own terms, and the measured spread over ε (4x for its randomness).
            double bound = (1e-12 * Math.Max(1, size)) + (n * Math.Max(Epsilon * size, 4 * spread[i]));
            if (!(Math.Abs(hv[i] - expected[i]) <= bound))
                return $"H·v entry {i}: MHessianVector {hv[i]:R}, MHessian·v {expected[i]:R} (rounding bound {bound:R})";
        }
        return null;
    }
}
