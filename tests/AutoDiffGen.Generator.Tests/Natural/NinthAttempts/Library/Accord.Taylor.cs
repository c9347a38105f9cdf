// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/accord-net/framework/blob/1ab0cc0ba55bcc3d46f20e7bbe7224b58cd01854/Sources/Accord.Math/Taylor.cs
//   Licence: GNU Lesser General Public License v2.1 or later. Accord.NET is copyright (c) 2009-2017 Cesar de Souza and contributors.
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable

namespace Accord.Math
{
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;

    public static partial class Taylor
    {
        [Differentiable]
        public static double Sin(double x, int nTerms)
        {
            if (nTerms < 2)
                return x;

            if (nTerms == 2)
                return x - (x * x * x) / 6D;

            double mult = x * x * x;
            double fact = 6;
            double sign = 1;
            int factS = 5;
            double result = x - mult / fact;

            for (int i = 3; i <= nTerms; i++)
            {
                mult *= x * x;
                fact *= factS * (factS - 1);
                factS += 2;
                result += sign * (mult / fact);
                sign *= -1;
            }

            return result;
        }

        [Differentiable]
        public static double Cos(double x, int nTerms)
        {
            if (nTerms < 2)
                return 1;

            if (nTerms == 2)
                return 1 - (x * x) / 2D;

            double mult = x * x;
            double fact = 2;
            double sign = 1;
            int factS = 4;
            double result = 1 - mult / fact;

            for (int i = 3; i <= nTerms; i++)
            {
                mult *= x * x;
                fact *= factS * (factS - 1);
                factS += 2;
                result += sign * (mult / fact);
                sign *= -1;
            }

            return result;
        }

        [Differentiable]
        public static double Sinh(double x, int nTerms)
        {
            if (nTerms < 2)
                return x;

            if (nTerms == 2)
                return x + (x * x * x) / 6D;

            double mult = x * x * x;
            double fact = 6;
            int factS = 5;
            double result = x + mult / fact;

            for (int i = 3; i <= nTerms; i++)
            {
                mult *= x * x;
                fact *= factS * (factS - 1);
                factS += 2;
                result += mult / fact;
            }

            return result;
        }

        [Differentiable]
        public static double Cosh(double x, int nTerms)
        {
            if (nTerms < 2)
                return x;

            if (nTerms == 2)
                return 1 + (x * x) / 2D;

            double mult = x * x;
            double fact = 2;
            int factS = 4;
            double result = 1 + mult / fact;

            for (int i = 3; i <= nTerms; i++)
            {
                mult *= x * x;
                fact *= factS * (factS - 1);
                factS += 2;
                result += mult / fact;
            }

            return result;
        }

        [Differentiable]
        public static double Exp(double d, int nTerms)
        {
            if (nTerms < 2)
                return 1 + d;

            if (nTerms == 2)
                return 1 + d + (d * d) / 2;

            double mult = d * d;
            double fact = 2;
            double result = 1 + d + mult / fact;

            for (int i = 3; i <= nTerms; i++)
            {
                mult *= d;
                fact *= i;
                result += mult / fact;
            }

            return result;
        }
    }
}
