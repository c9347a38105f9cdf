using System;
using System.ComponentModel;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// The routes of an in-place sort (<c>Array.Sort(a)</c>, <c>Array.Sort(a, i, n)</c>, <c>span.Sort()</c>, and the array LINQ's
    /// <c>x.OrderBy(v =&gt; v).ToArray()</c> makes, sorted here as LINQ sorts, stably): the sorted
    /// slots are a gather of the old ones by a permutation p chosen by the values, <c>sorted[k] = old[p[k]]</c>. Generated
    /// code keeps the slots' values as they were before the sort; from them p is found again (indices ordered by value
    /// with the default comparer, as <c>Array.Sort</c> orders: NaN first; equal values by index, as LINQ's stable sort), and
    /// a gradient or a tangent is moved along it. Where values tie, p may pair the equal slots differently from the unstable
    /// <c>Array.Sort</c>: their values are equal, so either is a valid subgradient (a kink, as at a max). Scratch arrays are kept per thread: no allocation once they
    /// are long enough. Called by generated code only.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class SortRoutes
    {
        /// <summary>The reverse sweep: what reached sorted slot k goes back to the slot p[k] it came from.</summary>
        /// <param name="adjoints">The sorted slots' adjoints, in place: on return, the adjoints of the slots before the sort.</param>
        /// <param name="before">The slots' values before the sort, as long as <paramref name="adjoints"/>.</param>
        public static void Unsort(Span<double> adjoints, ReadOnlySpan<double> before) => Route(adjoints, before, back: true, descending: false);

        /// <inheritdoc cref="Unsort(Span{double}, ReadOnlySpan{double})"/>
        public static void Unsort(Span<float> adjoints, ReadOnlySpan<float> before) => Route(adjoints, before, back: true, descending: false);

        /// <summary>As <see cref="Unsort(Span{double}, ReadOnlySpan{double})"/>, after a sort in descending order (LINQ's <c>OrderByDescending</c>).</summary>
        /// <param name="adjoints">The sorted slots' adjoints, in place: on return, the adjoints of the slots before the sort.</param>
        /// <param name="before">The slots' values before the sort, as long as <paramref name="adjoints"/>.</param>
        public static void UnsortDescending(Span<double> adjoints, ReadOnlySpan<double> before) => Route(adjoints, before, back: true, descending: true);

        /// <inheritdoc cref="UnsortDescending(Span{double}, ReadOnlySpan{double})"/>
        public static void UnsortDescending(Span<float> adjoints, ReadOnlySpan<float> before) => Route(adjoints, before, back: true, descending: true);

        /// <summary>Forward mode: sorted slot k takes the tangent of slot p[k].</summary>
        /// <param name="tangents">The slots' tangents before the sort, in place: on return, the sorted slots' tangents.</param>
        /// <param name="before">The slots' values before the sort, as long as <paramref name="tangents"/>.</param>
        public static void Sort(Span<double> tangents, ReadOnlySpan<double> before) => Route(tangents, before, back: false, descending: false);

        /// <inheritdoc cref="Sort(Span{double}, ReadOnlySpan{double})"/>
        public static void Sort(Span<float> tangents, ReadOnlySpan<float> before) => Route(tangents, before, back: false, descending: false);

        /// <summary>As <see cref="Sort(Span{double}, ReadOnlySpan{double})"/>, for a sort in descending order.</summary>
        /// <param name="tangents">The slots' tangents before the sort, in place: on return, the sorted slots' tangents.</param>
        /// <param name="before">The slots' values before the sort, as long as <paramref name="tangents"/>.</param>
        public static void SortDescending(Span<double> tangents, ReadOnlySpan<double> before) => Route(tangents, before, back: false, descending: true);

        /// <inheritdoc cref="SortDescending(Span{double}, ReadOnlySpan{double})"/>
        public static void SortDescending(Span<float> tangents, ReadOnlySpan<float> before) => Route(tangents, before, back: false, descending: true);

        /// <summary>
        /// Sorts <paramref name="values"/> in place exactly as LINQ's <c>OrderBy(v =&gt; v)</c> orders them: the default comparer,
        /// equal values in their first order (so 0.0 and -0.0 keep theirs, where <c>Array.Sort</c> may swap them).
        /// </summary>
        /// <param name="values">The array a <c>…OrderBy(v =&gt; v).ToArray()</c> fills.</param>
        public static void OrderBy(Span<double> values) => Order(values, descending: false);

        /// <inheritdoc cref="OrderBy(Span{double})"/>
        public static void OrderBy(Span<float> values) => Order(values, descending: false);

        /// <summary>As <see cref="OrderBy(Span{double})"/>, for <c>OrderByDescending(v =&gt; v)</c>: greatest first, equal values in their first order.</summary>
        /// <param name="values">The array a <c>…OrderByDescending(v =&gt; v).ToArray()</c> fills.</param>
        public static void OrderByDescending(Span<double> values) => Order(values, descending: true);

        /// <inheritdoc cref="OrderByDescending(Span{double})"/>
        public static void OrderByDescending(Span<float> values) => Order(values, descending: true);

        private static void Order<T>(Span<T> values, bool descending)
        {
            int n = values.Length;
            if (n < 2) return;
            int[] order = Permutation<T>(values, descending);
            T[] moved = Scratch<T>.Moved(n);
            values.CopyTo(moved);
            for (int k = 0; k < n; k++) values[k] = moved[order[k]];
        }

        private static void Route<T>(Span<T> values, ReadOnlySpan<T> before, bool back, bool descending)
        {
            int n = values.Length;
            if (before.Length != n) throw new ArgumentException("The values before the sort and the slots differ in length.", nameof(before));
            if (n < 2) return;
            int[] order = Permutation(before, descending);
            T[] moved = Scratch<T>.Moved(n);
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

        /// <summary>
        /// p, in the thread's scratch: the indices of <paramref name="before"/> in the order of their values (the default comparer,
        /// which puts NaN first; reversed when descending), equal values by index (a stable sort, as LINQ's).
        /// </summary>
        private static int[] Permutation<T>(ReadOnlySpan<T> before, bool descending)
        {
            int n = before.Length;
            T[] keys = Scratch<T>.Keys(n);
            int[] order = Scratch<T>.Order(n);
            before.CopyTo(keys);
            for (int k = 0; k < n; k++) order[k] = k;
            Array.Sort(keys, order, 0, n);
            var comparer = System.Collections.Generic.Comparer<T>.Default;
            // Runs of equal keys: their indices in increasing order (Array.Sort is not stable).
            for (int start = 0; start < n;)
            {
                int end = start + 1;
                while (end < n && comparer.Compare(keys[start], keys[end]) == 0) end++;
                if (end - start > 1) Array.Sort(order, start, end - start);
                start = end;
            }
            if (!descending) return order;
            // Greatest first: the runs in reverse order, each still by index.
            int[] reversed = Scratch<T>.Reversed(n);
            int at = 0;
            for (int end = n; end > 0;)
            {
                int start = end - 1;
                while (start > 0 && comparer.Compare(keys[start - 1], keys[end - 1]) == 0) start--;
                for (int k = start; k < end; k++) reversed[at++] = order[k];
                end = start;
            }
            return reversed;
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

            [ThreadStatic]
            private static int[]? t_reversed;

            public static T[] Keys(int n) => t_keys is { } k && k.Length >= n ? k : (t_keys = new T[n]);

            public static T[] Moved(int n) => t_moved is { } m && m.Length >= n ? m : (t_moved = new T[n]);

            public static int[] Order(int n) => t_order is { } o && o.Length >= n ? o : (t_order = new int[n]);

            public static int[] Reversed(int n) => t_reversed is { } r && r.Length >= n ? r : (t_reversed = new int[n]);
        }
    }
}
