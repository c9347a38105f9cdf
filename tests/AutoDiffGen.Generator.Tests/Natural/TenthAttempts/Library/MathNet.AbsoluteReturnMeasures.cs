// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/mathnet/mathnet-numerics/blob/84e9432bc1e8a6b2ae7acd32cda4175abeaeaed1/src/Numerics/Financial/AbsoluteReturnMeasures.cs
//   Licence: MIT (the repository's LICENSE.md). Math.NET Numerics, part of the Math.NET Project, https://numerics.mathdotnet.com; Copyright (c) 2009-2023 Math.NET (the file's own header names its years).
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;
using System.Linq;
using MathNet.Numerics.Statistics;

namespace MathNet.Numerics.Financial
{
    public static partial class AbsoluteReturnMeasures
    {
        [Differentiable]
        public static double CompoundReturn(this IEnumerable<double> data)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            int count = 0;
            double compoundReturn = 1.0;
            foreach (var item in data)
            {
                count++;
                compoundReturn *= 1 + item;
            }

            return count == 0 ? double.NaN : Math.Pow(compoundReturn, 1.0/count) - 1.0;
        }

        [Differentiable]
        public static double GainMean(this IEnumerable<double> data)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            return data.Where(x => x >= 0).Mean();
        }

        [Differentiable]
        public static double LossMean(this IEnumerable<double> data)
        {
            if (data == null)
            {
                throw new ArgumentNullException(nameof(data));
            }

            return data.Where(x => x < 0).Mean();
        }
    }
}
