using System.Runtime.CompilerServices;

namespace HornerProbe
{
    /// <summary>
    /// main 3b3b715b's generated (mixed) HornerBackward, frozen (perf23, 2026-12-05): the golden
    /// Golden.Loops.Iterations.Horner before forward inlining looked past the carried tangent's steps
    /// (<c>double prod = acc_1 * xCopy; … double acc_2 = prod + element; … acc_1 = acc_2;</c>). This branch's generated
    /// code writes <c>acc_1 = acc_1 * xCopy + element;</c> there, and the entry <c>double acc_1 = 0.0;</c>.
    /// </summary>
    internal static class Variants23
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
                dC[i_1] += dAcc_1;
                dAcc_1 = xCopy * dAcc_1;
            }

            return value;
        }
    }
}
