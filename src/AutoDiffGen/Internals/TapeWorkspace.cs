using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// The tapes of one running generated <c>…Backward</c> method that has loops: one array per value type,
    /// kept per thread and reused by the next call, so a steady-state call allocates nothing and zeroes
    /// nothing. Generated code indexes the arrays directly (<c>tapeDouble[tapeDoubleTop++] = x;</c>); this
    /// type only hands them out and enlarges them. Called by generated code only.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Why arrays in plain locals rather than a tape object with push and pop: the JIT keeps a loop's
    /// <see cref="double"/> values in registers only when no call can happen while they are live, and on
    /// x64 Unix every call clobbers every vector register. A tape that may grow inside the loop is such a
    /// call. Generated code therefore checks for room with a compare and, when a tape is full, leaves the
    /// loop, enlarges it with <see cref="Grow{T}(T[], int)"/>, and reruns the forward sweep (or, when the forward
    /// sweep itself makes calls, enlarges it in place).
    /// </para>
    /// <para>
    /// Each thread has a chain of workspaces: a call that starts while another generated method of the
    /// same thread holds one (a differentiable method calling another, or itself) takes the next. Always
    /// pair <see cref="Enter"/> with <see cref="Exit"/> in a <c>finally</c> block:
    /// </para>
    /// <code>
    /// var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
    /// try
    /// {
    ///     double[] tapeDouble = tapes.Tape&lt;double&gt;();
    ///     // forward: tapeDouble[top++] = x;   reverse: x = tapeDouble[--top];
    /// }
    /// finally
    /// {
    ///     tapes.Exit();
    /// }
    /// </code>
    /// <para>
    /// Memory policy: while a workspace's tapes total at most <see cref="RetainedBytesPerThread"/> (16 MiB by
    /// default) it keeps them, so the next call neither allocates nor grows. A call that grew them beyond that
    /// hands them back when it returns: the workspace then holds them only weakly, so a call that follows before
    /// the next full garbage collection still reuses them (back-to-back calls stay allocation-free), while an idle
    /// thread no longer keeps them alive. After a full collection has freed them, the next call grows them again
    /// (raise the setting to keep big tapes across collections). <see cref="TrimCurrentThread"/> drops them at
    /// once. Long loops need far less tape with <see cref="DifferentiableAttribute.Checkpoint"/>.
    /// </para>
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed partial class TapeWorkspace : IDisposable
    {
        /// <summary>Entries of a tape the first time a thread asks for it.</summary>
        public const int InitialLength = 256;

        [ThreadStatic]
        private static TapeWorkspace? t_first;

        // The longest array of a value type (Array.MaxLength), and the most a reservation asks for: a larger count is a
        // loop that would overflow its tape anyway, or whose bound is far above what it runs.
        private const int MaxLength = 0x7FFFFFC7;
        private const double MaxReservation = 1 << 30;

        private static int s_typeCount;

        private static long s_retainedBytes = 16L << 20;

        private Array?[] _tapes = new Array?[8];
        private IKeptTape?[]? _arrayTapes;
        private WeakReference<Array>?[]? _released;
        private long _bytes;
        private bool _busy;
        private TapeWorkspace? _next;

        private TapeWorkspace()
        {
        }

        /// <summary>Takes the calling thread's first free workspace, creating one on first use.</summary>
        /// <returns>A workspace that belongs to the caller until it calls <see cref="Exit"/>.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TapeWorkspace Enter()
        {
            TapeWorkspace? workspace = t_first;
            if (workspace is null || workspace._busy)
            {
                return EnterNested();
            }

            workspace._busy = true;
            return workspace;
        }

        /// <summary>
        /// The most tape bytes a workspace keeps alive after a call returns (per nesting level of a thread); larger
        /// tapes are then held only weakly (see the remarks). Default 16 MiB; <see cref="long.MaxValue"/> keeps
        /// every tape, 0 lets every tape go.
        /// </summary>
        public static long RetainedBytesPerThread
        {
            get => Volatile.Read(ref s_retainedBytes);
            set
            {
                if (value < 0) throw new ArgumentOutOfRangeException(nameof(value));
                Volatile.Write(ref s_retainedBytes, value);
            }
        }

        /// <summary>
        /// Tape bytes the calling thread's workspaces hold strongly now (what <see cref="RetainedBytesPerThread"/>
        /// bounds after each call): for tests and diagnostics.
        /// </summary>
        /// <returns>The sum of the lengths in bytes of the tapes kept alive.</returns>
        public static long ResidentBytesOfCurrentThread()
        {
            long total = 0;
            for (TapeWorkspace? workspace = t_first; workspace is not null; workspace = workspace._next)
            {
                total += workspace._bytes + workspace._localBytes;
                foreach (IKeptTape? tape in workspace._arrayTapes ?? Array.Empty<IKeptTape?>())
                {
                    total += tape is null ? 0 : tape.Bytes;
                }
            }

            return total;
        }

        /// <summary>Gives the workspace back to the thread; its arrays stay for the next call, within the policy.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Exit()
        {
            if (_bytes > s_retainedBytes)
            {
                Release();
            }

            if (_arrayTapes is not null)
            {
                ReleaseArrayTapes();
            }

            if (_locals is not null)
            {
                ReleaseLocals();
            }

            _busy = false;
        }

        /// <summary>The same as <see cref="Exit"/>: generated code from C# 8 on writes <c>using var tapes = TapeWorkspace.Enter();</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Dispose() => Exit();

        /// <summary>The tape for values of type <typeparamref name="T"/>, with at least <see cref="InitialLength"/> entries.</summary>
        /// <typeparam name="T">The value type the tape holds.</typeparam>
        /// <returns>The array; its contents are whatever the last call left, to be overwritten.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T[] Tape<T>()
        {
            int slot = Slot<T>.Index;
            Array?[] tapes = _tapes;
            if ((uint)slot < (uint)tapes.Length && tapes[slot] is T[] tape)
            {
                return tape;
            }

            return CreateTape<T>();
        }

        /// <summary>
        /// The array tape of call site <paramref name="site"/> (numbered per generated method), empty: kept by the
        /// workspace, so a steady-state call allocates nothing. Its bytes count towards <see cref="RetainedBytesPerThread"/>.
        /// </summary>
        /// <typeparam name="T">The element type of the arrays the site passes.</typeparam>
        /// <param name="site">The site's number, from 0.</param>
        /// <returns>The site's tape, with nothing on it.</returns>
        public ArrayTape<T> Arrays<T>(int site)
        {
            if (site < 0) throw new ArgumentOutOfRangeException(nameof(site));
            IKeptTape?[] tapes = _arrayTapes ??= new IKeptTape?[Math.Max(4, site + 1)];
            if (site >= tapes.Length)
            {
                Array.Resize(ref tapes, Math.Max(site + 1, tapes.Length * 2));
                _arrayTapes = tapes;
            }

            if (tapes[site] is not ArrayTape<T> tape)
            {
                tapes[site] = tape = new ArrayTape<T>();
            }

            tape.Clear();
            return tape;
        }

        /// <summary>
        /// Replaces <paramref name="tape"/> with one twice as long, keeping its first <paramref name="keep"/>
        /// values, and returns it. The workspace hands out the larger array from now on.
        /// </summary>
        /// <typeparam name="T">The value type the tape holds.</typeparam>
        /// <param name="tape">The full tape, as returned by <see cref="Tape{T}"/> or an earlier <c>Grow</c>.</param>
        /// <param name="keep">How many values at its start to copy (0 when the forward sweep starts over).</param>
        /// <returns>The larger tape.</returns>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public T[] Grow<T>(T[] tape, int keep)
        {
            if (tape is null) throw new ArgumentNullException(nameof(tape));
            if ((uint)keep > (uint)tape.Length) throw new ArgumentOutOfRangeException(nameof(keep));
            return Replace(tape, keep, Math.Max(InitialLength, checked(tape.Length * 2)));
        }

        private T[] Replace<T>(T[] tape, int keep, int length)
        {
            int slot = Slot<T>.Index;
            if (slot < _tapes.Length && ReferenceEquals(_tapes[slot], tape))
            {
                _bytes -= ByteLength(tape);
            }

            // Uninitialized: every entry is written by a push before a pop reads it, and zeroing a large fresh
            // array only touches its pages once more.
            T[] larger = NewTape<T>(length);
            Array.Copy(tape, larger, keep);
            _tapes[slot] = larger;
            _bytes += ByteLength(larger);
            return larger;
        }

        /// <summary>
        /// Replaces <paramref name="tape"/> with one of at least <paramref name="atLeast"/> entries (and at least twice
        /// as long), keeping its first <paramref name="keep"/> values: a reservation made before a loop whose trip count
        /// is known at its entry, so that a first call allocates its tape once instead of doubling it.
        /// </summary>
        /// <typeparam name="T">The value type the tape holds.</typeparam>
        /// <param name="tape">The tape, as returned by <see cref="Tape{T}"/> or an earlier <c>Grow</c>.</param>
        /// <param name="keep">How many values at its start to copy (0 when the forward sweep starts over).</param>
        /// <param name="atLeast">The length wanted, from <see cref="Want"/> (0: just double).</param>
        /// <returns>The larger tape.</returns>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public T[] Grow<T>(T[] tape, int keep, int atLeast)
        {
            if (tape is null) throw new ArgumentNullException(nameof(tape));
            if ((uint)keep > (uint)tape.Length) throw new ArgumentOutOfRangeException(nameof(keep));
            if (atLeast < 0 || atLeast > MaxLength) throw new ArgumentOutOfRangeException(nameof(atLeast));
            long doubled = Math.Min((long)tape.Length * 2, MaxLength);
            return Replace(tape, keep, (int)Math.Max(Math.Max(doubled, atLeast), InitialLength));
        }

        /// <summary>
        /// <paramref name="tape"/> with room for <paramref name="count"/> more entries above <paramref name="top"/>
        /// (itself when it has them): the reservation before a loop in a forward sweep that may call methods.
        /// </summary>
        /// <typeparam name="T">The value type the tape holds.</typeparam>
        /// <param name="tape">The tape in use.</param>
        /// <param name="top">Its number of entries in use, kept.</param>
        /// <param name="count">The entries the loop will push, an upper bound (a hint: a count too large to reserve is ignored).</param>
        /// <returns>The tape to use from now on.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T[] Reserve<T>(T[] tape, int top, double count)
        {
            int want = Want(top, count);
            return tape.Length >= want ? tape : Grow(tape, top, want);
        }

        /// <summary>
        /// The tape length that leaves <paramref name="count"/> entries free above <paramref name="top"/>, or 0 when that
        /// is not a length a tape can have (a hint that would fail is dropped: the pushes still check for room).
        /// </summary>
        /// <param name="top">The entries in use.</param>
        /// <param name="count">The entries wanted above them (computed in <see cref="double"/>, so it cannot overflow).</param>
        /// <returns>The length to reserve, or 0.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int Want(int top, double count)
        {
            double want = top + count;
            // Written so that NaN fails too.
            return want >= 0 && want <= MaxReservation ? (int)want : 0;
        }

        /// <summary>
        /// How many times a loop <c>for (i = first; i &lt; bound; i += step)</c> runs (<c>&lt;=</c> when
        /// <paramref name="inclusive"/>; <c>&gt;</c> and <c>&gt;=</c> for a negative step), for a reservation.
        /// </summary>
        /// <param name="first">The counter's entry value.</param>
        /// <param name="step">The constant it is stepped by each iteration (not 0).</param>
        /// <param name="bound">The bound it is compared with.</param>
        /// <param name="inclusive">The comparison admits equality.</param>
        /// <returns>The trip count (0 when the loop does not run).</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Trips(double first, int step, double bound, bool inclusive)
        {
            double distance = step > 0 ? bound - first : first - bound;
            double stride = step > 0 ? step : -(double)step;
            if (inclusive) return distance >= 0 ? Math.Floor(distance / stride) + 1 : 0;
            return distance > 0 ? Math.Ceiling(distance / stride) : 0;
        }

        /// <summary>
        /// A copy of a floating-point parameter that loops read, made where the forward sweep starts: a value the JIT
        /// cannot merge with the parameter (a volatile read), so the loops keep it in a register. The parameter itself is
        /// live across the workspace's calls, and on x64 Unix every call clobbers every vector register: RyuJIT then keeps
        /// it in memory, storing and reloading it in each iteration of every loop that reads it (a chain through memory).
        /// </summary>
        /// <param name="value">The parameter.</param>
        /// <returns>Its value.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Copy(ref double value) => Volatile.Read(ref value);

        /// <inheritdoc cref="Copy(ref double)"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float Copy(ref float value) => Volatile.Read(ref value);

        /// <summary>An array's length, 0 for null: a reservation reads it before the loop that would.</summary>
        /// <param name="array">The array.</param>
        /// <returns>Its length.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int Length(Array? array) => array is null ? 0 : array.Length;

        /// <summary>
        /// Lets the calling thread's tapes be collected (the next call starts again at <see cref="InitialLength"/>).
        /// Call it after a one-off run with a very long loop; a workspace in use is left alone.
        /// </summary>
        public static void TrimCurrentThread()
        {
            for (TapeWorkspace? workspace = t_first; workspace is not null; workspace = workspace._next)
            {
                if (!workspace._busy)
                {
                    Array.Clear(workspace._tapes, 0, workspace._tapes.Length);
                    workspace._arrayTapes = null;
                    workspace._locals = null;
                    workspace._localSizes = null;
                    workspace._localBytes = 0;
                    workspace._released = null;
                    workspace._bytes = 0;
                }
            }
        }

        /// <summary>
        /// A zeroed array as long as <paramref name="like"/> (empty for null), for generated code to pass as the
        /// adjoint of an argument that carries no gradient: what a callee adds into it is dropped. Arrays are
        /// reused per thread and length, so a steady-state call allocates nothing.
        /// </summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="like">The argument whose length the adjoint must have.</param>
        /// <returns>A zeroed array; valid until the thread asks for scratch of the same length again.</returns>
        public static T[] Scratch<T>(T[]? like) => Scratch<T>(like is null ? 0 : like.Length);

        /// <summary>A zeroed array of <paramref name="length"/> elements, as <see cref="Scratch{T}(T[])"/>.</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="length">The number of elements.</param>
        /// <returns>A zeroed array; valid until the thread asks for scratch of the same length again.</returns>
        public static T[] Scratch<T>(int length)
        {
            if (length <= 0)
            {
                return Array.Empty<T>();
            }

            // A few lengths per thread and type; several scratch arrays of one length may be shared: they only
            // ever receive adjoints that nothing reads.
            T[]?[] arrays = ScratchArrays<T>.t_arrays ??= new T[]?[4];
            for (int i = 0; i < arrays.Length; i++)
            {
                if (arrays[i] is T[] found && found.Length == length)
                {
                    Array.Clear(found, 0, length);
                    return found;
                }
            }

            var created = new T[length];
            int slot = ScratchArrays<T>.t_next++ & (arrays.Length - 1);
            arrays[slot] = created;
            return created;
        }

        /// <summary>
        /// A span of <paramref name="length"/> elements for generated code to pass as the adjoint of a span argument that
        /// carries no gradient and that the callee does not write (a slice of a [NoDiff] array): the callee's Backward only
        /// adds into it, and nothing reads it, so unlike <see cref="Scratch{T}(int)"/> it is neither zeroed nor one array
        /// per length. It is one growing buffer per thread: its cost does not grow with the length (a slice to the end
        /// of a long array, taken once per loop iteration, was a zeroed array of the rest of the array each time).
        /// Never use it where the callee reads the adjoint (an array it writes, whose adjoint is in/out, or a tangent).
        /// </summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="length">The number of elements.</param>
        /// <returns>A span whose values are unspecified.</returns>
        public static Span<T> Sink<T>(int length)
        {
            T[]? buffer = SinkBuffer<T>.t_buffer;
            if (buffer is null || buffer.Length < length)
            {
                buffer = SinkBuffer<T>.t_buffer = new T[Math.Max(length, buffer is null ? 16 : buffer.Length * 2)];
            }

            return new Span<T>(buffer, 0, Math.Max(length, 0));
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static TapeWorkspace EnterNested()
        {
            TapeWorkspace workspace = t_first ??= new TapeWorkspace();
            while (workspace._busy)
            {
                workspace = workspace._next ??= new TapeWorkspace();
            }

            workspace._busy = true;
            return workspace;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private T[] CreateTape<T>()
        {
            int slot = Slot<T>.Index;
            if (slot >= _tapes.Length)
            {
                Array.Resize(ref _tapes, Math.Max(slot + 1, _tapes.Length * 2));
            }

            // A tape released after a big call comes back while nothing has collected it.
            T[] tape = _released is { } released && slot < released.Length && released[slot] is { } weak
                && weak.TryGetTarget(out Array? kept) && kept is T[] typed ? typed : new T[InitialLength];
            if (_released is not null && slot < _released.Length && _released[slot] is { } taken)
            {
                // Kept for reuse by the next release, so a steady state of big calls allocates no references.
                taken.SetTarget(null!);
            }

            _tapes[slot] = tape;
            _bytes += ByteLength(tape);
            return tape;
        }

        // Array tapes over the policy's limit after a call are dropped (the next call grows them again).
        private void ReleaseArrayTapes()
        {
            long bytes = 0;
            foreach (IKeptTape? tape in _arrayTapes!)
            {
                bytes += tape is null ? 0 : tape.Bytes;
            }

            if (bytes > s_retainedBytes)
            {
                Array.Clear(_arrayTapes!, 0, _arrayTapes!.Length);
            }
        }

        // Over the policy's limit after a call: keep the tapes only weakly.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Release()
        {
            WeakReference<Array>?[] released = _released ??= new WeakReference<Array>?[_tapes.Length];
            if (released.Length < _tapes.Length)
            {
                Array.Resize(ref released, _tapes.Length);
                _released = released;
            }

            for (int i = 0; i < _tapes.Length; i++)
            {
                if (_tapes[i] is Array tape)
                {
                    if (released[i] is { } weak)
                    {
                        weak.SetTarget(tape);
                    }
                    else
                    {
                        released[i] = new WeakReference<Array>(tape);
                    }

                    _tapes[i] = null;
                }
            }

            _bytes = 0;
        }

        // Unconstrained (no 'unmanaged'), like every generic member here: a generic-math method's tapes are of its T.
        private static long ByteLength<T>(T[] tape) => (long)tape.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

        private static T[] NewTape<T>(int length)
        {
#if NET5_0_OR_GREATER
            return GC.AllocateUninitializedArray<T>(length);
#else
            return new T[length];
#endif
        }

        /// <summary>A per-site tape the workspace keeps (<see cref="ArrayTape{T}"/>), measured for the retention policy.</summary>
        internal interface IKeptTape
        {
            long Bytes { get; }
        }

        private static class SinkBuffer<T>
        {
            [ThreadStatic]
            public static T[]? t_buffer;
        }

        private static class ScratchArrays<T>
        {
            [ThreadStatic]
            public static T[]?[]? t_arrays;

            [ThreadStatic]
            public static int t_next;
        }

        // One array slot per value type, numbered on first use.
        private static class Slot<T>
        {
            public static readonly int Index = Interlocked.Increment(ref s_typeCount) - 1;
        }
    }
}
