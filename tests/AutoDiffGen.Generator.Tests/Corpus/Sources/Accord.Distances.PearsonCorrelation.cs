// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/accord-net/framework/blob/1ab0cc0ba55bcc3d46f20e7bbe7224b58cd01854/Sources/Accord.Math/Distances/PearsonCorrelation.cs
//   Licence: LGPL-2.1-or-later (License.txt of the repository). Copyright (c) 2009-2017, Accord.NET Authors; Cephes-derived parts (c) Stephen L. Moshier.
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;

namespace Corpus.AccordNet
{
    public partial struct PearsonCorrelation
    {
#if NET45 || NET46 || NET462 || NETSTANDARD2_0
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
#endif
        [Differentiable]
        public double Similarity(double[] x, double[] y)
        {
            double p = 0;
            double q = 0;
            double p2 = 0;
            double q2 = 0;
            double sum = 0;

            for (int i = 0; i < x.Length; i++)
            {
                p += x[i];
                q += y[i];
                p2 += x[i] * x[i];
                q2 += y[i] * y[i];
                sum += x[i] * y[i];
            }

            double n = x.Length;
            double num = sum - (p * q) / n;
            double den = Math.Sqrt((p2 - (p * p) / n) * (q2 - (q * q) / n));

            return (den == 0) ? 0 : num / den;
        }
    }
}
