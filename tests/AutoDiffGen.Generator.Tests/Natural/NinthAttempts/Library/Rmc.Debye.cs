// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/USACE-RMC/Numerics/blob/2a0357ada3676e80ca6650e9e022e72eacde3049/Numerics/Mathematics/Special Functions/Debye.cs
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
    public partial class Debye
    {
        [Differentiable]
        public static double Function(double x)
        {
            
            if (x <0.0) { throw new ArgumentOutOfRangeException(nameof(x), "X must be positive."); }


            if (x == 0.0)
            {
                return 1.0;
            }
            else if ( x > 0.0 && x <= 0.1)
            {
                double t = 5.952380953E-4;
                return 1.0 - 0.375 * x + x * x * (0.05 - t * x * x);
            }
            else if (x > 0.1 && x <= 7.25)
            {
                return ((((0.0946173 * x - 4.432582) * x + 85.07724) * x - 800.6087) * x + 3953.632) / ((((x + 15.121491) * x + 143.155337) * x + 682.0012) * x + 3953.632) ;
            }
            else if (x > 7.25)
            {
                double N = 25 / x;
                double D = 0.0;
                double D2 = 1.0;
                double x3 = 0;
                if (x <= 25)
                {
                    for (int i = 1; i <= N; i++)
                    {
                        D2 *= Math.Exp(-x);
                        x3 = i * x;
                        D += D2 * (6 + x3 * (6.0 + x3 * (3 + x3))) / Math.Pow(i, 4);
                    }
                    return 3.0 * (6.493939402 - D) / (x * x * x);
                }
                else if(x > 25){
                    return 3.0 * (6.493939402 - D) / (x * x * x);
                }
            }
            return double.NaN;

        }
    }
}
