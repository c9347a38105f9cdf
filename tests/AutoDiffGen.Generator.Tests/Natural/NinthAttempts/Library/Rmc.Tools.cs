// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/USACE-RMC/Numerics/blob/2a0357ada3676e80ca6650e9e022e72eacde3049/Numerics/Utilities/Tools.cs
//   Licence: the repository's LICENSE (permission to use, copy, modify and/or distribute for any purpose with or without fee). U.S. Army Corps of Engineers, Risk Management Center (Haden Smith and contributors).
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
        public const double DoubleMachineEpsilon = 1.11022302462516E-16;

        public const double Euler = 0.5772156649015328606065120;

 // 0.5d * (1d + Math.Sqrt(5));

        public const double LogSqrt2PI = 0.91893853320467274178032973640562;

        public const double Sqrt2PI = 2.50662827463100050242E0;

        public const double Sqrt2 = 1.4142135623730950488016887;
    }
}
