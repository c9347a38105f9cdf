using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HornerProbe
{
    /// <summary>Hand-edited copies of the generated HornerBackward (2026-12-02 S8 start), one change each.</summary>
    internal static class Variants
    {
        // A: the reverse loop ascends over the recomputed counter (a canonical for loop).
        public static double Ascending(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
            double[] tapeDouble = tapes.Tape<double>();
            int[] tapeInt = tapes.Tape<int>();
            int tapeDoubleTop, tapeIntTop;
            int tapeDoubleWant = 0;
            goto forwardSweep;
            growTapes:
            if (tapeDouble.Length - tapeDoubleTop < 1 || tapeDouble.Length < tapeDoubleWant) tapeDouble = tapes.Grow(tapeDouble, 0, tapeDoubleWant);
            if (tapeInt.Length - tapeIntTop < 1) tapeInt = tapes.Grow(tapeInt, 0);
            forwardSweep:
            tapeDoubleTop = 0;
            tapeIntTop = 0;
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            double acc = 0.0;
            int i = c.Length - 1;
            double acc_1 = acc;
            int i_1 = i;
            int trip = 0;
            if (tapeDouble.Length < (tapeDoubleWant = global::AutoDiffGen.Internals.TapeWorkspace.Want(tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(i, -1, 0, true) * 1))) goto growTapes;
            while (true)
            {
                bool c2 = i_1 >= 0;
                if (!c2) break;
                double prod = acc_1 * xCopy;
                double element = c[i_1];
                double acc_2 = prod + element;
                int i_2 = i_1 - 1;
                if (tapeDouble.Length - tapeDoubleTop < 1) goto growTapes;
                tapeDouble[tapeDoubleTop++] = acc_1;
                acc_1 = acc_2;
                i_1 = i_2;
                trip++;
            }
            if (tapeInt.Length - tapeIntTop < 1) goto growTapes;
            tapeInt[tapeIntTop++] = trip;
            double value = acc_1;

            double dAcc_1 = dResult;
            double dXSum = 0.0;
            int trips = tapeInt[--tapeIntTop];
            for (i_1 = unchecked(i - (trips - 1)); i_1 <= i; i_1++)
            {
                acc_1 = tapeDouble[--tapeDoubleTop];
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
                dXSum += acc_1 * dAcc_2;
            }
            dX += dXSum;

            return value;
        }

        // E: ascending, stopping at != i + 1 (wraps soundly).
        public static double NotEqual(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
            double[] tapeDouble = tapes.Tape<double>();
            int[] tapeInt = tapes.Tape<int>();
            int tapeDoubleTop, tapeIntTop;
            int tapeDoubleWant = 0;
            goto forwardSweep;
            growTapes:
            if (tapeDouble.Length - tapeDoubleTop < 1 || tapeDouble.Length < tapeDoubleWant) tapeDouble = tapes.Grow(tapeDouble, 0, tapeDoubleWant);
            if (tapeInt.Length - tapeIntTop < 1) tapeInt = tapes.Grow(tapeInt, 0);
            forwardSweep:
            tapeDoubleTop = 0;
            tapeIntTop = 0;
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            double acc = 0.0;
            int i = c.Length - 1;
            double acc_1 = acc;
            int i_1 = i;
            int trip = 0;
            if (tapeDouble.Length < (tapeDoubleWant = global::AutoDiffGen.Internals.TapeWorkspace.Want(tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(i, -1, 0, true) * 1))) goto growTapes;
            while (true)
            {
                bool c2 = i_1 >= 0;
                if (!c2) break;
                double prod = acc_1 * xCopy;
                double element = c[i_1];
                double acc_2 = prod + element;
                int i_2 = i_1 - 1;
                if (tapeDouble.Length - tapeDoubleTop < 1) goto growTapes;
                tapeDouble[tapeDoubleTop++] = acc_1;
                acc_1 = acc_2;
                i_1 = i_2;
                trip++;
            }
            if (tapeInt.Length - tapeIntTop < 1) goto growTapes;
            tapeInt[tapeIntTop++] = trip;
            double value = acc_1;

            double dAcc_1 = dResult;
            double dXSum = 0.0;
            int trips = tapeInt[--tapeIntTop];
            for (i_1 = unchecked(i - (trips - 1)); i_1 != unchecked(i + 1); i_1++)
            {
                acc_1 = tapeDouble[--tapeDoubleTop];
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
                dXSum += acc_1 * dAcc_2;
            }
            dX += dXSum;

            return value;
        }

        // F: countdown and the counter side by side.
        public static double TwoCounters(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
            double[] tapeDouble = tapes.Tape<double>();
            int[] tapeInt = tapes.Tape<int>();
            int tapeDoubleTop, tapeIntTop;
            int tapeDoubleWant = 0;
            goto forwardSweep;
            growTapes:
            if (tapeDouble.Length - tapeDoubleTop < 1 || tapeDouble.Length < tapeDoubleWant) tapeDouble = tapes.Grow(tapeDouble, 0, tapeDoubleWant);
            if (tapeInt.Length - tapeIntTop < 1) tapeInt = tapes.Grow(tapeInt, 0);
            forwardSweep:
            tapeDoubleTop = 0;
            tapeIntTop = 0;
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            double acc = 0.0;
            int i = c.Length - 1;
            double acc_1 = acc;
            int i_1 = i;
            int trip = 0;
            if (tapeDouble.Length < (tapeDoubleWant = global::AutoDiffGen.Internals.TapeWorkspace.Want(tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(i, -1, 0, true) * 1))) goto growTapes;
            while (true)
            {
                bool c2 = i_1 >= 0;
                if (!c2) break;
                double prod = acc_1 * xCopy;
                double element = c[i_1];
                double acc_2 = prod + element;
                int i_2 = i_1 - 1;
                if (tapeDouble.Length - tapeDoubleTop < 1) goto growTapes;
                tapeDouble[tapeDoubleTop++] = acc_1;
                acc_1 = acc_2;
                i_1 = i_2;
                trip++;
            }
            if (tapeInt.Length - tapeIntTop < 1) goto growTapes;
            tapeInt[tapeIntTop++] = trip;
            double value = acc_1;

            double dAcc_1 = dResult;
            double dXSum = 0.0;
            int trips = tapeInt[--tapeIntTop];
            i_1 = unchecked(i - (trips - 1));
            for (int iteration = trips; iteration > 0; iteration--, i_1++)
            {
                acc_1 = tapeDouble[--tapeDoubleTop];
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
                dXSum += acc_1 * dAcc_2;
            }
            dX += dXSum;

            return value;
        }

        // G: E, the trip count kept in its local (no int tape).
        public static double TripLocal(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
            double[] tapeDouble = tapes.Tape<double>();
            int tapeDoubleTop;
            int tapeDoubleWant = 0;
            goto forwardSweep;
            growTapes:
            if (tapeDouble.Length - tapeDoubleTop < 1 || tapeDouble.Length < tapeDoubleWant) tapeDouble = tapes.Grow(tapeDouble, 0, tapeDoubleWant);
            forwardSweep:
            tapeDoubleTop = 0;
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            double acc = 0.0;
            int i = c.Length - 1;
            double acc_1 = acc;
            int i_1 = i;
            int trip = 0;
            if (tapeDouble.Length < (tapeDoubleWant = global::AutoDiffGen.Internals.TapeWorkspace.Want(tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(i, -1, 0, true) * 1))) goto growTapes;
            while (true)
            {
                bool c2 = i_1 >= 0;
                if (!c2) break;
                double prod = acc_1 * xCopy;
                double element = c[i_1];
                double acc_2 = prod + element;
                int i_2 = i_1 - 1;
                if (tapeDouble.Length - tapeDoubleTop < 1) goto growTapes;
                tapeDouble[tapeDoubleTop++] = acc_1;
                acc_1 = acc_2;
                i_1 = i_2;
                trip++;
            }
            double value = acc_1;

            double dAcc_1 = dResult;
            double dXSum = 0.0;
            int trips = trip;
            for (i_1 = unchecked(i - (trips - 1)); i_1 != unchecked(i + 1); i_1++)
            {
                acc_1 = tapeDouble[--tapeDoubleTop];
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
                dXSum += acc_1 * dAcc_2;
            }
            dX += dXSum;

            return value;
        }

        // B: A, with the forward loop's push unchecked after a reservation that covers it (not sound in general: measures the check).
        public static double NoRoomCheck(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
            double[] tapeDouble = tapes.Tape<double>();
            int[] tapeInt = tapes.Tape<int>();
            int tapeDoubleTop, tapeIntTop;
            int tapeDoubleWant = 0;
            goto forwardSweep;
            growTapes:
            if (tapeDouble.Length - tapeDoubleTop < 1 || tapeDouble.Length < tapeDoubleWant) tapeDouble = tapes.Grow(tapeDouble, 0, tapeDoubleWant);
            if (tapeInt.Length - tapeIntTop < 1) tapeInt = tapes.Grow(tapeInt, 0);
            forwardSweep:
            tapeDoubleTop = 0;
            tapeIntTop = 0;
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            double acc = 0.0;
            int i = c.Length - 1;
            double acc_1 = acc;
            int i_1 = i;
            int trip = 0;
            if (tapeDouble.Length < (tapeDoubleWant = global::AutoDiffGen.Internals.TapeWorkspace.Want(tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(i, -1, 0, true) * 1))) goto growTapes;
            while (true)
            {
                bool c2 = i_1 >= 0;
                if (!c2) break;
                double prod = acc_1 * xCopy;
                double element = c[i_1];
                double acc_2 = prod + element;
                int i_2 = i_1 - 1;
                tapeDouble[tapeDoubleTop++] = acc_1;
                acc_1 = acc_2;
                i_1 = i_2;
                trip++;
            }
            if (tapeInt.Length - tapeIntTop < 1) goto growTapes;
            tapeInt[tapeIntTop++] = trip;
            double value = acc_1;

            double dAcc_1 = dResult;
            double dXSum = 0.0;
            int trips = tapeInt[--tapeIntTop];
            for (i_1 = unchecked(i - (trips - 1)); i_1 <= i; i_1++)
            {
                acc_1 = tapeDouble[--tapeDoubleTop];
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
                dXSum += acc_1 * dAcc_2;
            }
            dX += dXSum;

            return value;
        }

        // C: A, with unchecked tape pops in the reverse loop.
        public static double UncheckedPops(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
            double[] tapeDouble = tapes.Tape<double>();
            int[] tapeInt = tapes.Tape<int>();
            int tapeDoubleTop, tapeIntTop;
            int tapeDoubleWant = 0;
            goto forwardSweep;
            growTapes:
            if (tapeDouble.Length - tapeDoubleTop < 1 || tapeDouble.Length < tapeDoubleWant) tapeDouble = tapes.Grow(tapeDouble, 0, tapeDoubleWant);
            if (tapeInt.Length - tapeIntTop < 1) tapeInt = tapes.Grow(tapeInt, 0);
            forwardSweep:
            tapeDoubleTop = 0;
            tapeIntTop = 0;
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            double acc = 0.0;
            int i = c.Length - 1;
            double acc_1 = acc;
            int i_1 = i;
            int trip = 0;
            if (tapeDouble.Length < (tapeDoubleWant = global::AutoDiffGen.Internals.TapeWorkspace.Want(tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(i, -1, 0, true) * 1))) goto growTapes;
            while (true)
            {
                bool c2 = i_1 >= 0;
                if (!c2) break;
                double prod = acc_1 * xCopy;
                double element = c[i_1];
                double acc_2 = prod + element;
                int i_2 = i_1 - 1;
                if (tapeDouble.Length - tapeDoubleTop < 1) goto growTapes;
                tapeDouble[tapeDoubleTop++] = acc_1;
                acc_1 = acc_2;
                i_1 = i_2;
                trip++;
            }
            if (tapeInt.Length - tapeIntTop < 1) goto growTapes;
            tapeInt[tapeIntTop++] = trip;
            double value = acc_1;

            double dAcc_1 = dResult;
            double dXSum = 0.0;
            int trips = tapeInt[--tapeIntTop];
            ref double tape0 = ref MemoryMarshal.GetArrayDataReference(tapeDouble);
            for (i_1 = unchecked(i - (trips - 1)); i_1 <= i; i_1++)
            {
                acc_1 = Unsafe.Add(ref tape0, --tapeDoubleTop);
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
                dXSum += acc_1 * dAcc_2;
            }
            dX += dXSum;

            return value;
        }

        // D: A + forward loop as a canonical descending for over the counter (trip counted after), room check kept.
        public static double ForwardFor(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
            double[] tapeDouble = tapes.Tape<double>();
            int[] tapeInt = tapes.Tape<int>();
            int tapeDoubleTop, tapeIntTop;
            int tapeDoubleWant = 0;
            goto forwardSweep;
            growTapes:
            if (tapeDouble.Length - tapeDoubleTop < 1 || tapeDouble.Length < tapeDoubleWant) tapeDouble = tapes.Grow(tapeDouble, 0, tapeDoubleWant);
            if (tapeInt.Length - tapeIntTop < 1) tapeInt = tapes.Grow(tapeInt, 0);
            forwardSweep:
            tapeDoubleTop = 0;
            tapeIntTop = 0;
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            double acc = 0.0;
            int i = c.Length - 1;
            double acc_1 = acc;
            int i_1;
            if (tapeDouble.Length < (tapeDoubleWant = global::AutoDiffGen.Internals.TapeWorkspace.Want(tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(i, -1, 0, true) * 1))) goto growTapes;
            for (i_1 = i; i_1 >= 0; i_1--)
            {
                double prod = acc_1 * xCopy;
                double element = c[i_1];
                double acc_2 = prod + element;
                if (tapeDouble.Length - tapeDoubleTop < 1) goto growTapes;
                tapeDouble[tapeDoubleTop++] = acc_1;
                acc_1 = acc_2;
            }
            int trip = i - i_1;
            if (tapeInt.Length - tapeIntTop < 1) goto growTapes;
            tapeInt[tapeIntTop++] = trip;
            double value = acc_1;

            double dAcc_1 = dResult;
            double dXSum = 0.0;
            int trips = tapeInt[--tapeIntTop];
            for (i_1 = unchecked(i - (trips - 1)); i_1 <= i; i_1++)
            {
                acc_1 = tapeDouble[--tapeDoubleTop];
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
                dXSum += acc_1 * dAcc_2;
            }
            dX += dXSum;

            return value;
        }
    }
}
