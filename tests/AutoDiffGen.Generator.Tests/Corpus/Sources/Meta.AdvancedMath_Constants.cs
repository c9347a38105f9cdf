// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/dcwuser/metanumerics/blob/6d77d64445f7d5d91b12e331399c4362ecb25333/Numerics/Functions/AdvancedMath_Constants.cs
//   Licence: Microsoft Public License (Ms-PL; README.md of the repository). Meta.Numerics is copyright 2008-2025 by David Wright.
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;
using System.Diagnostics;

namespace Corpus.MetaNumerics
{
    public static partial class AdvancedMath
    {
        // Mathematical constants

        public static readonly double GoldenRatio = (1.0 + Math.Sqrt(5.0)) / 2.0;

        public const double EulerGamma = 0.577215664901532860606512;

        public const double Catalan = 0.915965594177219015054604;

        public const double Apery = 1.20205690315959428540;
    }
}
