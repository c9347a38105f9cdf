// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/USACE-RMC/Numerics/blob/2a0357ada3676e80ca6650e9e022e72eacde3049/Numerics/Mathematics/Special Functions/Erf.cs
//   Licence: the repository's LICENSE (permission to use, copy, modify and/or distribute for any purpose with or without fee); Gamma and Beta are derived from the Accord.NET Framework, LGPL-2.1-or-later. Numerics: U.S. Army Corps of Engineers, Risk Management Center (Haden Smith and contributors); Accord.NET: Copyright (c) César Souza, 2009-2017; Cephes-derived parts (c) Stephen L. Moshier.
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;

namespace Numerics.Mathematics.SpecialFunctions
{
    public partial class Erf
    {
        [Differentiable]
        public static double Function(double X)
        {
            if (X < 0d)
            {
                return -Gamma.LowerIncomplete(0.5d, X * X);
            }
            else
            {
                return Gamma.LowerIncomplete(0.5d, X * X);
            }
        }

        [Differentiable]
        public static double Erfc(double X)
        {
            return 1d - Function(X);
        }
    }
}
