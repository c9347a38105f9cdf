// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/mathnet/mathnet-numerics/blob/84e9432bc1e8a6b2ae7acd32cda4175abeaeaed1/src/Numerics/GoodnessOfFit.cs
//   Licence: MIT (the repository's LICENSE.md). Math.NET Numerics, part of the Math.NET Project, https://numerics.mathdotnet.com; Copyright (c) 2009-2023 Math.NET (the file's own header names its years).
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;
using MathNet.Numerics.Statistics;

namespace MathNet.Numerics
{
    public static partial class GoodnessOfFit
    {
        [Differentiable]
        public static double RSquared(IEnumerable<double> modelledValues, IEnumerable<double> observedValues)
        {
            var corr = Correlation.Pearson(modelledValues, observedValues);
            return corr * corr;
        }

        [Differentiable]
        public static double R(IEnumerable<double> modelledValues, IEnumerable<double> observedValues)
        {
            return Correlation.Pearson(modelledValues, observedValues);
        }

        [Differentiable]
        public static double PopulationStandardError(IEnumerable<double> modelledValues, IEnumerable<double> observedValues)
        {
            return StandardError(modelledValues, observedValues, 0);
        }

        [Differentiable]
        public static double StandardError(IEnumerable<double> modelledValues, IEnumerable<double> observedValues, int degreesOfFreedom)
        {
            using (IEnumerator<double> ieM = modelledValues.GetEnumerator())
            using (IEnumerator<double> ieO = observedValues.GetEnumerator())
            {
                double n = 0;
                double accumulator = 0;
                while (ieM.MoveNext())
                {
                    if (!ieO.MoveNext())
                    {
                        throw new ArgumentOutOfRangeException(nameof(modelledValues), "The array arguments must have the same length.");
                    }
                    double currentM = ieM.Current;
                    double currentO = ieO.Current;
                    var diff = currentM - currentO;
                    accumulator += diff * diff;
                    n++;
                }

                if (degreesOfFreedom >= n)
                {
                    throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), "The sample size must be larger than the given degrees of freedom.");
                }
                return Math.Sqrt(accumulator / (n - degreesOfFreedom));
            }
        }

        [Differentiable]
        public static double CoefficientOfDetermination(IEnumerable<double> modelledValues, IEnumerable<double> observedValues)
        {
            var y = observedValues;
            var f = modelledValues;
            int n = 0;

            double meanY = 0;
            double ssTot = 0;
            double ssRes = 0;

            using (IEnumerator<double> ieY = y.GetEnumerator())
            using (IEnumerator<double> ieF = f.GetEnumerator())
            {
                while (ieY.MoveNext())
                {
                    if (!ieF.MoveNext())
                    {
                        throw new ArgumentOutOfRangeException(nameof(modelledValues), "The array arguments must have the same length.");
                    }

                    double currentY = ieY.Current;
                    double currentF = ieF.Current;

                    // If a large constant C is added to every y value,
                    // then each new y have an error of about C*eps,
                    // thus each new deltaY will change by about C*eps (compared to the old deltaY),
                    // and thus ssTot will change by only C*eps*deltaY on each step
                    // thus C*eps*deltaY*n in total.
                    // (This error cannot be eliminated by a Kahan algorithm,
                    // because it is introduced when C is added to the old Y value).
                    //
                    // This is better than summing the square of y values
                    // and then substracting the correct multiple of the square of the sum of y values,
                    // in this latter case ssTot will change by eps*n*(C^2+2*C*meanY) in total.
                    double deltaY = currentY - meanY;
                    double scaleDeltaY = deltaY / ++n;

                    meanY += scaleDeltaY;
                    ssTot += scaleDeltaY* deltaY* (n - 1);

                    // This calculation is as safe as ssTot
                    // in the case when a constant is added to both y and f.
                    ssRes += (currentY - currentF)* (currentY-currentF);
                }

                if (ieF.MoveNext())
                {
                    throw new ArgumentOutOfRangeException(nameof(observedValues), "The array arguments must have the same length.");
                }
            }
            return 1 - ssRes/ssTot;
        }
    }
}
