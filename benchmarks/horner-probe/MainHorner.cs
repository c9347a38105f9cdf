namespace HornerProbe
{
    /// <summary>
    /// <c>ScalarFunctions.Horner</c>'s Backward (c and x differentiable) as <c>main</c> generated it at <c>1859768</c>: the reverse
    /// sweep, which tapes acc for x's adjoint. Frozen (copied from the golden of the same body, Loops.Iterations.Horner) so one run
    /// times it beside this branch's mixed Backward (x's derivative carried forward, c's reverse sweep with no tape; perf7).
    /// </summary>
    internal static class MainHorner
    {
        // As generated at 1859768, renamed.
        [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static double Main1859768(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
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
    }
}
