// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/USACE-RMC/Numerics/blob/2a0357ada3676e80ca6650e9e022e72eacde3049/Numerics/Utilities/Tools.cs
//   Licence: the repository's LICENSE (permission to use, copy, modify and/or distribute for any purpose with or without fee). Numerics: U.S. Army Corps of Engineers, Risk Management Center (Haden Smith and contributors).
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;

namespace Numerics
{
    public static partial class Tools
    {
 // 0.5d * (1d + Math.Sqrt(5));

        public const double LogSqrt2PI = 0.91893853320467274178032973640562;

        public static bool IsFinite(double x) => !(double.IsNaN(x) || double.IsInfinity(x));

        public static double Sqr(double a)
        {
            return a * a;
        }
    }
}
