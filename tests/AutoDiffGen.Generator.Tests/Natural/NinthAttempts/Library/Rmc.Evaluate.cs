// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/USACE-RMC/Numerics/blob/2a0357ada3676e80ca6650e9e022e72eacde3049/Numerics/Mathematics/Special Functions/Evaluate.cs
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
    public partial class Evaluate
    {
        [Differentiable]
        public static double Polynomial(double[] coefficients, double x)
        {
            int n = coefficients.Length;
            double value = coefficients[n - 1];
            for (int i = n - 2; i >= 0; i -= 1)
            {
                value *= x;
                value += coefficients[i];
            }

            return value;
        }

        [Differentiable]
        public static double PolynomialRev(double[] coefficients, double x, int n = -1)
        {
            if (n > coefficients.Length)
            {
                throw new ArgumentOutOfRangeException("n cannot be greater than the number of coefficients");
            }
            else if (n == -1 || n == coefficients.Length)
            {
                n = coefficients.Length - 1;
            }

            double value = coefficients[0];
            for (int i = 1; i <= n; i++)
            {
                value *= x;
                value += coefficients[i];
            }

            return value;
        }

        [Differentiable]
        public static double PolynomialRev_1(double[] coefficients, double x)
        {
            int n = coefficients.Length;
            double value = x + coefficients[0];
            for (int i = 1; i < n; i++)
            {
                value *= x;
                value += coefficients[i];
            }
            return value;
        }
    }
}
