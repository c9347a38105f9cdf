namespace AutoDiffGen.Benchmarks.Before
{
    /// <summary>
    /// A frozen copy of what the generator wrote for <c>ScalarFunctions.HornerBackward</c> at <c>36332be</c> (before the
    /// loop-parameter copies of 2026-12-02), so one BenchmarkDotNet run times the old and the new generated code side by side.
    /// </summary>
    public static class HornerBefore
    {
        /// <summary>The generated reverse sweep as it was: <c>x</c> read directly inside both loops.</summary>
        public static double HornerBackward(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
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
                double prod = acc_1 * x;
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
            for (int iteration = tapeInt[--tapeIntTop]; iteration > 0; iteration--)
            {
                i_1 = unchecked(i - (iteration - 1));
                acc_1 = tapeDouble[--tapeDoubleTop];
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = x * dAcc_2;
                dXSum += acc_1 * dAcc_2;
            }
            dX += dXSum;

            return value;
        }
    }
}
