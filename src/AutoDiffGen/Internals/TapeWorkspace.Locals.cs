using System;
using System.Runtime.CompilerServices;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// The storage of a generated method's local arrays that never leave the call (the generator proves it: only
    /// their elements and lengths are used, see <c>Lowering/ArrayConfinement</c>), and of their adjoints and tangents
    /// (<c>…Backward</c>, <c>…Forward</c>, <c>…HessianVector</c>, <c>…BackwardTangent</c>): kept by the
    /// workspace and handed out again, zeroed, to the next call, so a steady-state call allocates nothing for them.
    /// </summary>
    /// <remarks>
    /// A call takes its arrays in the order it creates them; they are its own until it leaves the workspace
    /// (<see cref="Exit"/>). A nested or recursive call runs in another workspace of the chain, so it never shares them.
    /// </remarks>
    public sealed partial class TapeWorkspace
    {
        // The most local arrays a workspace keeps; a call that makes more gets the rest fresh (and not kept).
        private const int MaxLocals = 64;

        // The kept arrays: the first _localsTaken belong to the running call, in the order it took them; the rest wait.
        private Array?[]? _locals;
        private long[]? _localSizes;
        private int _localsTaken;
        private long _localBytes;

        /// <summary>
        /// An array of exactly <paramref name="length"/> elements, all zero, as <c>new T[length]</c> gives (it throws as that
        /// does for a negative length): one the workspace kept from an earlier call when it has one of that length, else a
        /// new one it keeps. Valid until the caller leaves the workspace. For a local array of the generated method that
        /// nothing outside the call can reach, and for its adjoint.
        /// </summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="length">The number of elements.</param>
        /// <returns>The zeroed array, the caller's until <see cref="Exit"/>.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T[] Local<T>(int length)
        {
            // Steady state: a call takes the arrays in the order the last one did, so the next waiting one fits.
            Array?[]? locals = _locals;
            int taken = _localsTaken;
            if (locals is not null && (uint)taken < (uint)locals.Length && locals[taken] is T[] next && next.Length == length)
            {
                _localsTaken = taken + 1;
                next.AsSpan().Clear();
                return next;
            }

            return TakeLocal<T>(length);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private T[] TakeLocal<T>(int length)
        {
            Array?[] locals = _locals ??= new Array?[8];
            long[] sizes = _localSizes ??= new long[8];
            int taken = _localsTaken;
            for (int i = taken; i < locals.Length; i++)
            {
                if (locals[i] is T[] kept && kept.Length == length)
                {
                    Swap(locals, sizes, i, taken);
                    _localsTaken = taken + 1;
                    kept.AsSpan().Clear();
                    return kept;
                }
            }

            // Fresh and zeroed; a negative length throws OverflowException here, as the user's new T[length] does.
            var created = new T[length];
            int free = Array.IndexOf(locals, null, taken);
            if (free < 0)
            {
                if (locals.Length < MaxLocals)
                {
                    free = locals.Length;
                    Array.Resize(ref locals, locals.Length * 2);
                    Array.Resize(ref sizes, sizes.Length * 2);
                    _locals = locals;
                    _localSizes = sizes;
                }
                else if (taken < locals.Length)
                {
                    // Full: the last waiting array makes room (a call of another shape took its place).
                    free = locals.Length - 1;
                    _localBytes -= sizes[free];
                    locals[free] = null;
                }
                else
                {
                    return created;
                }
            }

            Swap(locals, sizes, free, taken);
            locals[taken] = created;
            sizes[taken] = (long)length * Unsafe.SizeOf<T>();
            _localBytes += sizes[taken];
            _localsTaken = taken + 1;
            return created;
        }

        private static void Swap(Array?[] locals, long[] sizes, int i, int j)
        {
            (locals[i], locals[j]) = (locals[j], locals[i]);
            (sizes[i], sizes[j]) = (sizes[j], sizes[i]);
        }

        // When the call leaves: its arrays wait for the next one, unless together they are over the retention policy's limit.
        private void ReleaseLocals()
        {
            _localsTaken = 0;
            if (_localBytes > s_retainedBytes)
            {
                _locals = null;
                _localSizes = null;
                _localBytes = 0;
            }
        }
    }
}
