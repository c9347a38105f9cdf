// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/accord-net/framework/blob/1ab0cc0ba55bcc3d46f20e7bbe7224b58cd01854/Sources/Accord.Math/Distances/Euclidean.cs
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
    public partial struct Euclidean
    {
#if NET45 || NET46 || NET462 || NETSTANDARD2_0
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
#endif
        [Differentiable]
        public double Distance(double x, double y)
        {
            return Math.Abs(x - y);
        }

#if NET45 || NET46 || NET462 || NETSTANDARD2_0
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
#endif
        [Differentiable]
        public double Distance(double[] x, double[] y)
        {
            double sum = 0.0;
            for (int i = 0; i < x.Length; i++)
            {
                double u = x[i] - y[i];
                sum += u * u;
            }
            return Math.Sqrt(sum);
        }

#if NET45 || NET46 || NET462 || NETSTANDARD2_0
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
#endif
        [Differentiable]
        public double Distance(double vector1x, double vector1y, double vector2x, double vector2y)
        {
            double dx = vector1x - vector2x;
            double dy = vector1y - vector2y;
            return Math.Sqrt(dx * dx + dy * dy);
        }

        [Differentiable]
        public double Similarity(double x, double y)
        {
            return 1.0 / (1.0 + Math.Abs(x - y));
        }

        [Differentiable]
        public double Similarity(double[] x, double[] y)
        {
            double sum = 0.0;

            for (int i = 0; i < x.Length; i++)
            {
                double u = x[i] - y[i];
                sum += u * u;
            }

            return 1.0 / (1.0 + Math.Sqrt(sum));
        }
    }
}
