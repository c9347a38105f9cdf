// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/USACE-RMC/Numerics/blob/2a0357ada3676e80ca6650e9e022e72eacde3049/Numerics/Data/Statistics/BoxCox.cs
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
    public static partial class BoxCox
    {
        [Differentiable]
        public static double LogLikelihood(IList<double> values, double lambda1)
        {
            if (!CanFitLambda(values) || !Tools.IsFinite(lambda1) || Math.Abs(lambda1) > 5d)
                return double.NegativeInfinity;

            int n = values.Count;
            var y = new double[n];
            double mu = 0d;
            var sumX = 0d;
            for (int i = 0; i < n; i++)
            {
                y[i] = Transform(values[i], lambda1);
                if (!Tools.IsFinite(y[i]))
                    return double.NegativeInfinity;

                mu += y[i];
                sumX += Math.Log(values[i]);
            }
            if (!Tools.IsFinite(mu) || !Tools.IsFinite(sumX))
                return double.NegativeInfinity;

            mu = mu / n;
            double sse = 0d;
            for (int i = 0; i < n; i++)
                sse += Math.Pow(y[i] - mu, 2d);
            if (!Tools.IsFinite(sse) || sse <= 0d)
                return double.NegativeInfinity;

            double sigma = Math.Sqrt(sse / n);
            if (!Tools.IsFinite(sigma) || sigma <= 0d)
                return double.NegativeInfinity;

            double ll = -n / 2.0d * Tools.LogSqrt2PI - n / 2.0d * Math.Log(sigma * sigma) - 1.0d / (2d * sigma * sigma) * sse + (lambda1 - 1d) * sumX;
            return Tools.IsFinite(ll) ? ll : double.NegativeInfinity;
        }

        [Differentiable]
        public static double LogJacobian(IList<double> values, double lambda)
        {
            double logJacobianSum = 0d;
            int n = values.Count;

            for (int i = 0; i < n; i++)
            {
                double xi = values[i];

                if (xi <= 0)
                    return double.NegativeInfinity; // Box-Cox undefined for non-positive values

                // For Box-Cox: log derivative is (lambda - 1) * log(x)
                logJacobianSum += (lambda - 1d) * Math.Log(xi);
            }

            return logJacobianSum;
        }

        [Differentiable]
        public static double Transform(double value, double lambda)
        {
            if (value <= 0) return double.NaN;
            if (Math.Abs(lambda) > 5d) return double.NaN;
            if (Math.Abs(lambda) < 1e-8) return Math.Log(value);
            return (Math.Pow(value, lambda) - 1.0d) / lambda;
        }

        [Differentiable]
        public static double InverseTransform(double value, double lambda)
        {
            if (Math.Abs(lambda) > 5d) return double.NaN;
            if (Math.Abs(lambda) < 1e-8) return Math.Exp(value);
            return Math.Pow(value * lambda + 1.0d, 1.0d / lambda);
        }

        private static bool CanFitLambda(IList<double> values)
        {
            if (values == null || values.Count < 2)
                return false;

            double first = values[0];
            if (!Tools.IsFinite(first) || first <= 0d)
                return false;

            bool hasDifferentValue = false;
            for (int i = 1; i < values.Count; i++)
            {
                double value = values[i];
                if (!Tools.IsFinite(value) || value <= 0d)
                    return false;
                if (value != first)
                    hasDifferentValue = true;
            }

            return hasDifferentValue;
        }
    }
}
