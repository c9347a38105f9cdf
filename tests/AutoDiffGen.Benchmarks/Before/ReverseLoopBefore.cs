namespace AutoDiffGen.Benchmarks.Before
{
    /// <summary>
    /// A frozen copy of what the generator wrote for <c>ScalarFunctions.HornerBackward</c> at <c>44ed7dc</c> (2026-12-02,
    /// before the reverse loop kept its trip count in a local and walked its counter), for old vs new in one run.
    /// </summary>
    public static class HornerCountdown
    {
        /// <summary>The generated reverse sweep as it was: the trip count on the int tape, a countdown recomputing <c>i_1</c>.</summary>
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
            for (int iteration = tapeInt[--tapeIntTop]; iteration > 0; iteration--)
            {
                i_1 = unchecked(i - (iteration - 1));
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

    /// <summary>
    /// The generated <c>Gates20Backward</c> (unchanged this session) and a hand-edited copy that differs in one place: tanh's
    /// derivative as <c>1 − y²</c> (what the hand-written gradient does) instead of the overflow-safe
    /// <c>SafeDerivatives.Tanh</c>, which at this benchmark's point (|tanh| = 0.73 ≥ 0.5) calls <c>Math.Exp</c>. Not what the
    /// generator writes: a measurement of what the safe form costs.
    /// </summary>
    public static class Gates20Variants
    {
        /// <summary>The generated code (frozen).</summary>
        public static double Gates20Backward(double x, double y, double z, double w, ref double dX, ref double dY, ref double dZ, ref double dW, double dResult = 1)
        {
            double a1 = x * y;
            double a2 = a1 + z;
            double a3 = global::System.Math.Sin(a2);
            double a4 = a3 * w;
            double a5 = x - w;
            double a6 = a5 * a5;
            double a7 = a4 + a6;
            double a8 = global::System.Math.Tanh(a7);
            double a9 = y * z;
            double a10 = a9 + 1.0;
            double a11 = a10 * a10;
            double a12 = a11 + 1.0;
            double a13 = global::System.Math.Log(a12);
            double a14 = a8 * a13;
            double a15 = global::System.Math.Sqrt(a12);
            double a16 = a14 / a15;
            double a17 = global::System.Math.Cos(x);
            double a18 = a17 * w;
            double a19 = a16 + a18;
            double prod = a19 * x;

            double dA19 = x * dResult;
            double dXSum = a19 * dResult;
            double dWSum = a17 * dA19;
            dXSum -= global::System.Math.Sin(x) * (w * dA19);
            double dA14 = dA19 / a15;
            double dA12 = (-(a16 * (dA19 / a15))) / (a15 + a15);
            dA12 += (a8 * dA14) / a12;
            double dA10 = (a10 + a10) * dA12;
            double dYSum = z * dA10;
            double dZSum = y * dA10;
            double dA7 = global::AutoDiffGen.Internals.SafeDerivatives.Tanh(a7, a8) * (a13 * dA14);
            double dA5 = (a5 + a5) * dA7;
            dXSum += dA5;
            dWSum -= dA5;
            dWSum += a3 * dA7;
            double dA2 = global::System.Math.Cos(a2) * (w * dA7);
            dZSum += dA2;
            dXSum += y * dA2;
            dYSum += x * dA2;
            dX += dXSum;
            dY += dYSum;
            dZ += dZSum;
            dW += dWSum;

            return prod;
        }

        /// <summary>The same with <c>1 − tanh²</c>: loses accuracy as |tanh| → 1, and is 0 from |x| ≈ 19 on.</summary>
        public static double Gates20BackwardPlainTanh(double x, double y, double z, double w, ref double dX, ref double dY, ref double dZ, ref double dW, double dResult = 1)
        {
            double a1 = x * y;
            double a2 = a1 + z;
            double a3 = global::System.Math.Sin(a2);
            double a4 = a3 * w;
            double a5 = x - w;
            double a6 = a5 * a5;
            double a7 = a4 + a6;
            double a8 = global::System.Math.Tanh(a7);
            double a9 = y * z;
            double a10 = a9 + 1.0;
            double a11 = a10 * a10;
            double a12 = a11 + 1.0;
            double a13 = global::System.Math.Log(a12);
            double a14 = a8 * a13;
            double a15 = global::System.Math.Sqrt(a12);
            double a16 = a14 / a15;
            double a17 = global::System.Math.Cos(x);
            double a18 = a17 * w;
            double a19 = a16 + a18;
            double prod = a19 * x;

            double dA19 = x * dResult;
            double dXSum = a19 * dResult;
            double dWSum = a17 * dA19;
            dXSum -= global::System.Math.Sin(x) * (w * dA19);
            double dA14 = dA19 / a15;
            double dA12 = (-(a16 * (dA19 / a15))) / (a15 + a15);
            dA12 += (a8 * dA14) / a12;
            double dA10 = (a10 + a10) * dA12;
            double dYSum = z * dA10;
            double dZSum = y * dA10;
            double dA7 = (1.0 - a8 * a8) * (a13 * dA14);
            double dA5 = (a5 + a5) * dA7;
            dXSum += dA5;
            dWSum -= dA5;
            dWSum += a3 * dA7;
            double dA2 = global::System.Math.Cos(a2) * (w * dA7);
            dZSum += dA2;
            dXSum += y * dA2;
            dYSum += x * dA2;
            dX += dXSum;
            dY += dYSum;
            dZ += dZSum;
            dW += dWSum;

            return prod;
        }
    }
}
