using System;

namespace HornerProbe
{
    /// <summary>Hand-edited copies of the generated HornerBackward of 2026-12-03 (`2c949f9`), one change each.</summary>
    internal static class Variants3
    {
        // G: as generated at 2c949f9.
        public static double Generated(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
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
            int i = c.Length - 1;
            double acc_1 = 0.0;
            int i_1 = i;
            int trip = 0;
            if (tapeDouble.Length < (tapeDoubleWant = global::AutoDiffGen.Internals.TapeWorkspace.Want(tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(i, -1, 0, true)))) goto growTapes;
            while (true)
            {
                bool c2 = i_1 >= 0;
                if (!c2) break;
                double element = c[i_1];
                int i_2 = i_1 - 1;
                if (tapeDouble.Length - tapeDoubleTop < 1) goto growTapes;
                tapeDouble[tapeDoubleTop++] = acc_1;
                acc_1 = acc_1 * xCopy + element;
                i_1 = i_2;
                trip++;
            }
            double value = acc_1;

            double dAcc_1 = dResult;
            double dXSum = 0.0;
            for (i_1 = unchecked(i - (trip - 1)); i_1 <= i; i_1++)
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

        // H: the loop's trip count known on entry: a span of exactly that length, indexed by the iteration, no room check.
        public static double KnownTrips(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
            double[] tapeDouble = tapes.Tape<double>();
            int tapeDoubleTop = 0;
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            int i = c.Length - 1;
            double acc_1 = 0.0;
            int i_1 = i;
            int trip = (int)global::AutoDiffGen.Internals.TapeWorkspace.Trips(i, -1, 0, true);
            if (tapeDouble.Length - tapeDoubleTop < trip) tapeDouble = tapes.Grow(tapeDouble, tapeDoubleTop, tapeDoubleTop + trip);
            Span<double> tape1 = tapeDouble.AsSpan(tapeDoubleTop, trip);
            tapeDoubleTop += trip;
            for (int k = 0; k < tape1.Length; k++)
            {
                double element = c[i_1];
                tape1[k] = acc_1;
                acc_1 = acc_1 * xCopy + element;
                i_1--;
            }
            double value = acc_1;

            double dAcc_1 = dResult;
            double dXSum = 0.0;
            for (int k = tape1.Length - 1; k >= 0; k--)
            {
                i_1 = i - k;
                acc_1 = tape1[k];
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
                dXSum += acc_1 * dAcc_2;
            }
            tapeDoubleTop -= trip;
            dX += dXSum;

            return value;
        }

        // I: G without its room check in the loop (what an exact reservation allows).
        public static double NoRoomCheck(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
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
            int i = c.Length - 1;
            double acc_1 = 0.0;
            int i_1 = i;
            int trip = 0;
            if (tapeDouble.Length < (tapeDoubleWant = global::AutoDiffGen.Internals.TapeWorkspace.Want(tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(i, -1, 0, true)))) goto growTapes;
            while (true)
            {
                bool c2 = i_1 >= 0;
                if (!c2) break;
                double element = c[i_1];
                int i_2 = i_1 - 1;
                tapeDouble[tapeDoubleTop++] = acc_1;
                acc_1 = acc_1 * xCopy + element;
                i_1 = i_2;
                trip++;
            }
            double value = acc_1;

            double dAcc_1 = dResult;
            double dXSum = 0.0;
            for (i_1 = unchecked(i - (trip - 1)); i_1 <= i; i_1++)
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

        // J: G without Check.Array and the workspace (a stackalloc'd tape): the floor of this schedule.
        public static double Floor(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            double xCopy = x;
            int i = c.Length - 1;
            double acc_1 = 0.0;
            int i_1 = i;
            int trip = c.Length;
            Span<double> tape1 = stackalloc double[trip];
            for (int k = 0; k < tape1.Length; k++)
            {
                double element = c[i_1];
                tape1[k] = acc_1;
                acc_1 = acc_1 * xCopy + element;
                i_1--;
            }
            double value = acc_1;

            double dAcc_1 = dResult;
            double dXSum = 0.0;
            for (int k = tape1.Length - 1; k >= 0; k--)
            {
                i_1 = i - k;
                acc_1 = tape1[k];
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
                dXSum += acc_1 * dAcc_2;
            }
            dX += dXSum;

            return value;
        }

        // K: H without Check.Array (what the argument check costs on top of H).
        public static double KnownTripsNoCheck(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
            double[] tapeDouble = tapes.Tape<double>();
            int tapeDoubleTop = 0;
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            int i = c.Length - 1;
            double acc_1 = 0.0;
            int i_1 = i;
            int trip = (int)global::AutoDiffGen.Internals.TapeWorkspace.Trips(i, -1, 0, true);
            if (tapeDouble.Length - tapeDoubleTop < trip) tapeDouble = tapes.Grow(tapeDouble, tapeDoubleTop, tapeDoubleTop + trip);
            Span<double> tape1 = tapeDouble.AsSpan(tapeDoubleTop, trip);
            for (int k = 0; k < tape1.Length; k++)
            {
                double element = c[i_1];
                tape1[k] = acc_1;
                acc_1 = acc_1 * xCopy + element;
                i_1--;
            }
            double value = acc_1;

            double dAcc_1 = dResult;
            double dXSum = 0.0;
            for (int k = tape1.Length - 1; k >= 0; k--)
            {
                i_1 = i - k;
                acc_1 = tape1[k];
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
