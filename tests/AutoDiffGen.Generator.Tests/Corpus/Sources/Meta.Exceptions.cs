// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/dcwuser/metanumerics/blob/6d77d64445f7d5d91b12e331399c4362ecb25333/Numerics/Core/Exceptions.cs
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
    public class NonconvergenceException : Exception
    {
        public NonconvergenceException () : base("The algorithm did not converge within the allowed number of iterations.") { }

        public NonconvergenceException (String message) : base(message) { }

        public NonconvergenceException (String message, Exception innerException) : base(message, innerException) { }
    }
}
