using System.Runtime.CompilerServices;

namespace HornerProbe
{
    /// <summary>
    /// main 6c03461e's generated (mixed) HornerBackward, frozen (perf22, 2026-12-05): the golden
    /// Golden.Loops.Iterations.Horner before OverwrittenCopies, whose reverse loop still copies its carried adjoint
    /// (<c>double dAcc_2 = dAcc_1;</c>). This branch's generated code differs from it by that copy only.
    /// </summary>
    internal static class Variants22
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double Generated(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
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
    }
}
