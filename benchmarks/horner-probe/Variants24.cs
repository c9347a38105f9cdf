using System.Runtime.CompilerServices;

namespace HornerProbe
{
    /// <summary>
    /// main 184bcf36's generated (mixed) HornerBackward, frozen (perf24, 2026-12-06): the golden
    /// Golden.Loops.Iterations.Horner before tangents were written into their phi copies
    /// (<c>double tProd = xCopy * tAcc_1 + acc_1; … double tAcc_2 = tProd; … tAcc_1 = tAcc_2;</c>). This branch's generated
    /// code writes <c>tAcc_1 = xCopy * tAcc_1 + acc_1;</c> before <c>acc_1</c>'s copy, and the counter's step into its copy.
    /// </summary>
    internal static class Variants24
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static double Generated(double[] c, double x, double[] dC, ref double dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(c, dC, "c", "dC");
            double xCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref x);
            int i = c.Length - 1;
            double tAcc_1 = 0.0;
            double acc_1 = 0.0;
            int i_1 = i;
            int trip = 0;
            while (true)
            {
                bool c2 = i_1 >= 0;
                if (!c2) break;
                double tProd = xCopy * tAcc_1 + acc_1;
                double element = c[i_1];
                double tAcc_2 = tProd;
                int i_2 = i_1 - 1;
                acc_1 = acc_1 * xCopy + element;
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
