using System;

namespace AutoDiffGen
{
    /// <summary>Thrown by <see cref="GradCheckResult.ThrowIfFailed"/> and <see cref="GradCheck"/>.<c>Assert</c> when a gradient check fails.</summary>
    public sealed class GradCheckException : Exception
    {
        /// <summary>Creates the exception for a failed check; its message is the check's report.</summary>
        /// <param name="result">The failed check.</param>
        public GradCheckException(GradCheckResult result)
            : base((result ?? throw new ArgumentNullException(nameof(result))).ToString())
        {
            Result = result;
        }

        /// <summary>The failed check, with every analytic and numeric component.</summary>
        public GradCheckResult Result { get; }
    }
}
