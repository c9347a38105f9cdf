// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/accord-net/framework/blob/1ab0cc0ba55bcc3d46f20e7bbe7224b58cd01854/Sources/Accord.Math/Constants.cs
//   Licence: LGPL-2.1-or-later (License.txt of the repository). Copyright (c) 2009-2017, Accord.NET Authors; Cephes-derived parts (c) Stephen L. Moshier.
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;

namespace Corpus.AccordNet
{
    public static partial class Constants
    {
        public const double EulerGamma = 0.5772156649015328606065120;

        public const double DoubleEpsilon = 1.11022302462515654042e-16;

        public const decimal DecimalEpsilon = 0.0000000000000000000000000001M;

        public const float SingleEpsilon = 1.1920929E-07f;

        public const double DoubleSmall = 1.493221789605150e-300;

        public const float SingleSmall = 1.493221789605150e-40f;

        public const decimal DecimalSmall = Decimal.MinValue;

        public const double LogMax = 7.09782712893383996732E2;

        public const double LogMin = -7.451332191019412076235E2;

        public const double Catalan = 0.915965594177219015054603514;

        public const double LogPI = 1.14472988584940017414;

        public const double Log2 = 0.69314718055994530941;

        public const double Log3 = 1.098612288668109691395;

        public const double LogSqrt2PI = 0.91893853320467274178032973640562;

        public const double Log2PI = 1.837877066409345483556;

        public const double Sqrt2PI = 2.50662827463100050242E0;

        public const double SqrtHalfPI = 1.25331413731550025121E0;

        public const double Sqrt2 = 1.4142135623730950488016887;

        public const double Sqrt2H = 7.07106781186547524401E-1;
    }
}
