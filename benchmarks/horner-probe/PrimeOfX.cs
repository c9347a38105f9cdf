namespace HornerProbe
{
    /// <summary>
    /// p′(x) of Horner-64 alone (<c>ScalarFunctions.HornerOfX</c>, c [NoDiff]): the hand-written derivative carried along the loop,
    /// and <c>main</c>'s generated reverse sweep at <c>16500ba</c>, frozen (copied from its generated file) so one run times it
    /// beside today's carried Backward (2026-12-03, perf6).
    /// </summary>
    internal static class PrimeOfX
    {
        public static double HandWritten(double[] c, double x, ref double dX, double dResult = 1)
        {
            double acc = 0, dAcc = 0;
            for (int i = c.Length - 1; i >= 0; i--)
            {
                dAcc = dAcc * x + acc;
                acc = acc * x + c[i];
            }

            dX += dAcc * dResult;
            return acc;
        }

        // As generated at 388ca06 (main before horner12: the carried sweep with its seed local, tX = 1.0, and acc_1 * tX), renamed.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double Main388ca06(double[] c, double x, ref double dX, double dResult = 1)
        {
            double tX = 1.0;
            double acc = 0.0;
            int i = c.Length - 1;
            double tAcc_1 = 0.0;
            double acc_1 = acc;
            int i_1 = i;
            while (true)
            {
                bool c2 = i_1 >= 0;
                if (!c2) break;
                double prod = acc_1 * x;
                double tProd = x * tAcc_1 + acc_1 * tX;
                double element = c[i_1];
                double acc_2 = prod + element;
                double tAcc_2 = tProd;
                int i_2 = i_1 - 1;
                acc_1 = acc_2;
                tAcc_1 = tAcc_2;
                i_1 = i_2;
            }

            dX += tAcc_1 * dResult;
            return acc_1;
        }

        // As generated at 16500ba (the reverse sweep, with its attribute), renamed.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double Main16500ba(double[] c, double x, ref double dX, double dResult = 1)
        {
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
                double c3 = c[i_1];
                int i_2 = i_1 - 1;
                if (tapeDouble.Length - tapeDoubleTop < 1) goto growTapes;
                tapeDouble[tapeDoubleTop++] = acc_1;
                acc_1 = acc_1 * xCopy + c3;
                i_1 = i_2;
                trip++;
            }
            double value = acc_1;

            double dAcc_1 = dResult;
            double dXSum = 0.0;
            for (int iteration = trip; iteration > 0; iteration--)
            {
                acc_1 = tapeDouble[--tapeDoubleTop];
                double dAcc_2 = dAcc_1;
                dAcc_1 = xCopy * dAcc_2;
                dXSum += acc_1 * dAcc_2;
            }
            dX += dXSum;

            return value;
        }
    }
}
