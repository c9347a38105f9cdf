using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// The overflow-safe derivatives of tanh and the logistic sigmoid at <c>double</c>, called by generated code instead
    /// of writing the same expression inline at every gate. Each is the generator's inline form
    /// (<c>Derivatives/SafeForms.cs</c>) operation for operation, so the values are the same bits; the call inlines.
    /// Inline, each form is ten operators with constants and four <c>Math.Abs</c> overload resolutions for the compiler
    /// to bind per gate (docs/performance.md, "compile cost, 2026-12-02 second session"). Called by generated code only.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class SafeDerivatives
    {
        /// <summary>
        /// sech²x = 1 − y² for y = tanh x, where |y| ≥ 0.5 as e^{−2|x|}(1 + |y|)² (1 − y² of a rounded y near ±1 is 0 from
        /// |x| ≈ 19 on, while sech²x stays representable to |x| ≈ 372).
        /// </summary>
        /// <param name="x">The argument.</param>
        /// <param name="y">tanh x.</param>
        /// <returns>d tanh(x)/dx.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Tanh(double x, double y) =>
            Math.Abs(y) < 0.5 ? 1.0 - y * y : Math.Exp(-2.0 * Math.Abs(x)) * (1.0 + Math.Abs(y)) * (1.0 + Math.Abs(y));

        /// <summary>
        /// σ′(z) = σ(1 − σ) for s = σ(z), where s &gt; 0.75 as e^{−z}s², and e^z where s is 0 (1 + e^{−z} overflowed).
        /// </summary>
        /// <param name="z">The argument.</param>
        /// <param name="s">σ(z).</param>
        /// <returns>dσ(z)/dz.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Sigmoid(double z, double s) =>
            s > 0.75 ? Math.Exp(-z) * s * s : s == 0.0 ? Math.Exp(z) : s * (1.0 - s);
    }
}
