using System.Runtime.CompilerServices;

namespace HornerProbe
{
    /// <summary>
    /// Hand-edited copies of the generated (mixed) HornerBackward of 388ca06 (horner12, 2026-12-04), one change each: what
    /// is left between it and the hand-written gradient, which has the same schedule (p′(x) carried forward, ∂p/∂c back).
    /// </summary>
    internal static class Variants12
    {
        // M: as generated at 388ca06 (a copy, so that it sits beside the variants).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double Generated(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            double tX = 1.0;
            double acc = 0.0;
            int i = c.Length - 1;
            double tAcc_1 = 0.0;
            double acc_1 = acc;
            int i_1 = i;
            int trip = 0;
            while (true)
            {
                bool c2 = i_1 >= 0;
                if (!c2) break;
                double prod = acc_1 * xCopy;
                double tProd = xCopy * tAcc_1 + acc_1 * tX;
                double element = c[i_1];
                double acc_2 = prod + element;
                double tAcc_2 = tProd;
                int i_2 = i_1 - 1;
                acc_1 = acc_2;
                tAcc_1 = tAcc_2;
                i_1 = i_2;
                trip++;
            }
            double value = acc_1;
            dX += tAcc_1 * dResult;
            double dAcc_1 = dResult;
            for (i_1 = unchecked(i - (trip - 1)); i_1 <= i; i_1++)
            {
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
            }
            return value;
        }

        // F: M with its forward loop as a C# `for` over its counter (test at the top, step at the end).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double ForLoop(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            double tX = 1.0;
            double acc = 0.0;
            int i = c.Length - 1;
            double tAcc_1 = 0.0;
            double acc_1 = acc;
            int i_1;
            int trip = 0;
            for (i_1 = i; i_1 >= 0; i_1--)
            {
                double prod = acc_1 * xCopy;
                double tProd = xCopy * tAcc_1 + acc_1 * tX;
                double element = c[i_1];
                double acc_2 = prod + element;
                double tAcc_2 = tProd;
                acc_1 = acc_2;
                tAcc_1 = tAcc_2;
                trip++;
            }
            double value = acc_1;
            dX += tAcc_1 * dResult;
            double dAcc_1 = dResult;
            for (i_1 = unchecked(i - (trip - 1)); i_1 <= i; i_1++)
            {
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
            }
            return value;
        }

        // W: M's `while (true) { if (!c) break; … }` written `while (c) { … }` (the condition as the loop's own test).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double WhileCond(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            double tX = 1.0;
            double acc = 0.0;
            int i = c.Length - 1;
            double tAcc_1 = 0.0;
            double acc_1 = acc;
            int i_1 = i;
            int trip = 0;
            while (i_1 >= 0)
            {
                double prod = acc_1 * xCopy;
                double tProd = xCopy * tAcc_1 + acc_1 * tX;
                double element = c[i_1];
                double acc_2 = prod + element;
                double tAcc_2 = tProd;
                int i_2 = i_1 - 1;
                acc_1 = acc_2;
                tAcc_1 = tAcc_2;
                i_1 = i_2;
                trip++;
            }
            double value = acc_1;
            dX += tAcc_1 * dResult;
            double dAcc_1 = dResult;
            for (i_1 = unchecked(i - (trip - 1)); i_1 <= i; i_1++)
            {
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
            }
            return value;
        }

        // T: M without tX (its products by the constant 1 written as the other factor).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double NoUnitTangent(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            double acc = 0.0;
            int i = c.Length - 1;
            double tAcc_1 = 0.0;
            double acc_1 = acc;
            int i_1 = i;
            int trip = 0;
            while (true)
            {
                bool c2 = i_1 >= 0;
                if (!c2) break;
                double prod = acc_1 * xCopy;
                double tProd = xCopy * tAcc_1 + acc_1;
                double element = c[i_1];
                double acc_2 = prod + element;
                double tAcc_2 = tProd;
                int i_2 = i_1 - 1;
                acc_1 = acc_2;
                tAcc_1 = tAcc_2;
                i_1 = i_2;
                trip++;
            }
            double value = acc_1;
            dX += tAcc_1 * dResult;
            double dAcc_1 = dResult;
            for (i_1 = unchecked(i - (trip - 1)); i_1 <= i; i_1++)
            {
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
            }
            return value;
        }

        // C: M without the argument check (what the check costs; not a candidate: the check is the contract's).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double NoCheck(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            double tX = 1.0;
            double acc = 0.0;
            int i = c.Length - 1;
            double tAcc_1 = 0.0;
            double acc_1 = acc;
            int i_1 = i;
            int trip = 0;
            while (true)
            {
                bool c2 = i_1 >= 0;
                if (!c2) break;
                double prod = acc_1 * xCopy;
                double tProd = xCopy * tAcc_1 + acc_1 * tX;
                double element = c[i_1];
                double acc_2 = prod + element;
                double tAcc_2 = tProd;
                int i_2 = i_1 - 1;
                acc_1 = acc_2;
                tAcc_1 = tAcc_2;
                i_1 = i_2;
                trip++;
            }
            double value = acc_1;
            dX += tAcc_1 * dResult;
            double dAcc_1 = dResult;
            for (i_1 = unchecked(i - (trip - 1)); i_1 <= i; i_1++)
            {
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
            }
            return value;
        }

        // P: M with a plain copy of x (`double xCopy = x;`) instead of the volatile read.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double PlainCopy(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            double xCopy = x;
            double tX = 1.0;
            double acc = 0.0;
            int i = c.Length - 1;
            double tAcc_1 = 0.0;
            double acc_1 = acc;
            int i_1 = i;
            int trip = 0;
            while (true)
            {
                bool c2 = i_1 >= 0;
                if (!c2) break;
                double prod = acc_1 * xCopy;
                double tProd = xCopy * tAcc_1 + acc_1 * tX;
                double element = c[i_1];
                double acc_2 = prod + element;
                double tAcc_2 = tProd;
                int i_2 = i_1 - 1;
                acc_1 = acc_2;
                tAcc_1 = tAcc_2;
                i_1 = i_2;
                trip++;
            }
            double value = acc_1;
            dX += tAcc_1 * dResult;
            double dAcc_1 = dResult;
            for (i_1 = unchecked(i - (trip - 1)); i_1 <= i; i_1++)
            {
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
            }
            return value;
        }

        // R: M with its reverse loop walking a fresh counter from the forward loop's exit value (no trip count kept).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double ExitWalk(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
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
                double prod = acc_1 * xCopy;
                double tProd = xCopy * tAcc_1 + acc_1 * tX;
                double element = c[i_1];
                double acc_2 = prod + element;
                double tAcc_2 = tProd;
                int i_2 = i_1 - 1;
                acc_1 = acc_2;
                tAcc_1 = tAcc_2;
                i_1 = i_2;
            }
            double value = acc_1;
            dX += tAcc_1 * dResult;
            double dAcc_1 = dResult;
            for (i_1 = i_1 + 1; i_1 <= i; i_1++)
            {
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
            }
            return value;
        }

        // FT: F and T together (a `for` forward loop, no tX).
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double ForNoUnit(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            int i = c.Length - 1;
            double tAcc_1 = 0.0;
            double acc_1 = 0.0;
            int i_1;
            int trip = 0;
            for (i_1 = i; i_1 >= 0; i_1--)
            {
                double prod = acc_1 * xCopy;
                double tProd = xCopy * tAcc_1 + acc_1;
                acc_1 = prod + c[i_1];
                tAcc_1 = tProd;
                trip++;
            }
            double value = acc_1;
            dX += tAcc_1 * dResult;
            double dAcc_1 = dResult;
            for (i_1 = unchecked(i - (trip - 1)); i_1 <= i; i_1++)
            {
                double dAcc_2 = dAcc_1;
                dC[i_1] += dAcc_2;
                dAcc_1 = xCopy * dAcc_2;
            }
            return value;
        }
    }
}
