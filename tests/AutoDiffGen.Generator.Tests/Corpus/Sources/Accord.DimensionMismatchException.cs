// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/accord-net/framework/blob/1ab0cc0ba55bcc3d46f20e7bbe7224b58cd01854/Sources/Accord.Core/Exceptions/DimensionMismatchException.cs
//   Licence: LGPL-2.1-or-later (License.txt of the repository). Copyright (c) 2009-2017, Accord.NET Authors; Cephes-derived parts (c) Stephen L. Moshier.
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;
using System.Runtime.Serialization;

namespace Corpus.AccordNet
{
    public class DimensionMismatchException : ArgumentException
    {
        public DimensionMismatchException() { }

        public DimensionMismatchException(string paramName) :
            base(paramName, "Array dimensions must match.") { }

        public DimensionMismatchException(string paramName, string message) :
            base(message, paramName) { }

        public DimensionMismatchException(string message, Exception innerException) :
            base(message, innerException) { }

        protected DimensionMismatchException(SerializationInfo info, StreamingContext context) :
            base(info, context) { }
    }
}
