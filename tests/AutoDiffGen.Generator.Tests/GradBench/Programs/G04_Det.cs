// Port of GradBench's `det` eval (https://github.com/gradbench/gradbench, evals/det and cpp/gradbench/evals/det.hpp;
// MIT License, Copyright (c) 2024 Sam Estep), based on cmpad's det_of_minor by Bradley M. Bell
// (https://github.com/bradbell/cmpad, used under the terms of the EPL-2.0 or GPL-2.0-or-later).
using AutoDiffGen;

namespace GradBench;

public static partial class DeterminantByMinors
{
    // r[i] is the row following row i, and c[i] likewise for columns: rows and columns are removed without moving data.
    private static double DetOfMinor(double[] a, int n, int m, int[] r, int[] c)
    {
        int r0 = r[n];
        int cj = c[n];
        if (m == 1)
        {
            return a[r0 * n + cj];
        }

        double detM = 0;
        int sign = 1;
        r[n] = r[r0];
        int cj1 = n;
        for (int j = 0; j < m; j++)
        {
            double m0j = a[r0 * n + cj];
            c[cj1] = c[cj];
            double detS = DetOfMinor(a, n, m - 1, r, c);
            c[cj1] = cj;
            if (sign > 0)
            {
                detM = detM + m0j * detS;
            }
            else
            {
                detM = detM - m0j * detS;
            }
            cj1 = cj;
            cj = c[cj];
            sign = -sign;
        }
        r[n] = r0;
        return detM;
    }

    [Differentiable]
    public static double Primal(double[] a, int ell)
    {
        var r = new int[ell + 1];
        var c = new int[ell + 1];
        for (int i = 0; i < ell; i++)
        {
            r[i] = i + 1;
            c[i] = i + 1;
        }
        return DetOfMinor(a, ell, ell, r, c);
    }
}
