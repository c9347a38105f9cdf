// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/USACE-RMC/Numerics/blob/2a0357ada3676e80ca6650e9e022e72eacde3049/Numerics/Data/Statistics/Statistics.cs
//   Licence: the repository's LICENSE (permission to use, copy, modify and/or distribute for any purpose with or without fee). Numerics: U.S. Army Corps of Engineers, Risk Management Center (Haden Smith and contributors).
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;

namespace Numerics.Data.Statistics
{
    public static partial class Statistics
    {
        public static double Mean(IList<double> data)
        {
            if (data == null) throw new ArgumentNullException(nameof(data));
            if (data.Count == 0) return double.NaN;
            double sum = 0;
            for (int i = 0; i < data.Count; i++)
                sum += data[i];
            return sum / data.Count;
        }
    }
}
