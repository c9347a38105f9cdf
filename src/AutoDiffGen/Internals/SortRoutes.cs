using System;
using System.ComponentModel;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// The routes of an in-place sort (<c>Array.Sort(a)</c>, <c>Array.Sort(a, i, n)</c>, <c>span.Sort()</c>): the sorted
    /// slots are a gather of the old ones by a permutation p chosen by the values, <c>sorted[k] = old[p[k]]</c>. Generated
    /// code keeps the slots' values as they were before the sort; from them p is found again (indices ordered by value
    /// with the default comparer, as <c>Array.Sort</c> orders: NaN first), and a gradient or a tangent is moved along it.
    /// Where values tie, p may pair the equal slots differently from <c>Array.Sort</c>: their values are the same, so
    /// either is a valid subgradient (a kink, as at a max). Scratch arrays are kept per thread: no allocation once they
    /// are long enough. Called by generated code only.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class SortRoutes
    {
        /// <summary>The reverse sweep: what reached sorted slot k goes back to the slot p[k] it came from.</summary>
        /// <param name="adjoints">The sorted slots' adjoints, in place: on return, the adjoints of the slots before the sort.</param>
        /// <param name="before">The slots' values before the sort, as long as <paramref name="adjoints"/>.</param>
        public static void Unsort(Span<double> adjoints, ReadOnlySpan<double> before) => Route(adjoints, before, true);

        /// <summary>The reverse sweep: what reached sorted slot k goes back to the slot p[k] it came from.</summary>
        /// <param name="adjoints">The sorted slots' adjoints, in place: on return, the adjoints of the slots before the sort.</param>
        /// <param name="before">The slots' values before the sort, as long as <paramref name="adjoints"/>.</param>
        public static void Unsort(Span<float> adjoints, ReadOnlySpan<float> before) => Route(adjoints, before, true);

        /// <summary>Forward mode: sorted slot k takes the tangent of slot p[k].</summary>
        /// <param name="tangents">The slots' tangents before the sort, in place: on return, the sorted slots' tangents.</param>
        /// <param name="before">The slots' values before the sort, as long as <paramref name="tangents"/>.</param>
        public static void Sort(Span<double> tangents, ReadOnlySpan<double> before) => Route(tangents, before, false);

        /// <summary>Forward mode: sorted slot k takes the tangent of slot p[k].</summary>
        /// <param name="tangents">The slots' tangents before the sort, in place: on return, the sorted slots' tangents.</param>
        /// <param name="before">The slots' values before the sort, as long as <paramref name="tangents"/>.</param>
        public static void Sort(Span<float> tangents, ReadOnlySpan<float> before) => Route(tangents, before, false);

        private static void Route<T>(Span<T> values, ReadOnlySpan<T> before, bool back)
        {
            int n = values.Length;
            if (before.Length != n) throw new ArgumentException("The values before the sort and the slots differ in length.", nameof(before));
            if (n < 2) return;
            T[] keys = Scratch<T>.Keys(n);
            T[] moved = Scratch<T>.Moved(n);
            int[] order = Scratch<T>.Order(n);
            before.CopyTo(keys);
            for (int k = 0; k < n; k++) order[k] = k;
            // The default comparer orders as Array.Sort does; equal keys have equal values.
            Array.Sort(keys, order, 0, n);
            values.CopyTo(moved);
            if (back)
            {
                for (int k = 0; k < n; k++) values[order[k]] = moved[k];
            }
            else
            {
                for (int k = 0; k < n; k++) values[k] = moved[order[k]];
            }
        }

        /// <summary>Per thread and element type: the keys, the moved values and the order, grown when a longer range comes.</summary>
        private static class Scratch<T>
        {
            [ThreadStatic]
            private static T[]? t_keys;

            [ThreadStatic]
            private static T[]? t_moved;

            [ThreadStatic]
            private static int[]? t_order;

            public static T[] Keys(int n) => t_keys is { } k && k.Length >= n ? k : (t_keys = new T[n]);

            public static T[] Moved(int n) => t_moved is { } m && m.Length >= n ? m : (t_moved = new T[n]);

            public static int[] Order(int n) => t_order is { } o && o.Length >= n ? o : (t_order = new int[n]);
        }
    }
}
