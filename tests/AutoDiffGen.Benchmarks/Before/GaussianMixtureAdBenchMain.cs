namespace AutoDiffGen.Benchmarks.Before
{
    /// <summary>
    /// A frozen copy of what the generator wrote for the ADBench GMM (AdBench/GaussianMixture.cs) at <c>e610878</c> (main on
    /// 2026-12-02, before the per-site array tapes, issue 12): <c>ObjectiveBackward</c> and the Backwards of its callees, so
    /// one `adbench gmm` run times main's and the live generated code side by side. The primal callees are the live ones.
    /// </summary>
    public static class GaussianMixtureAdBenchMain
    {
        public static double ObjectiveBackward(int d, int k, int n, double[] alphas, double[] means, double[] icf, double[] x, global::AutoDiffGen.Benchmarks.AdBench.Wishart wishart, double[] dAlphas, double[] dMeans, double[] dIcf, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Array(alphas, dAlphas, "alphas", "dAlphas");
            global::AutoDiffGen.Internals.Check.Array(means, dMeans, "means", "dMeans");
            global::AutoDiffGen.Internals.Check.Array(icf, dIcf, "icf", "dIcf");
            using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
            double[] tapeDouble = tapes.Tape<double>();
            int[] tapeInt = tapes.Tape<int>();
            int tapeDoubleTop = 0;
            int tapeIntTop = 0;
            global::System.Collections.Generic.Stack<double[]> xcentered_2SpareArrays = new global::System.Collections.Generic.Stack<double[]>();
            global::System.Collections.Generic.Stack<double[]> xcentered_2SeenArrays = new global::System.Collections.Generic.Stack<double[]>();
            global::System.Collections.Generic.Stack<double[]> qxcentered_2SpareArrays = new global::System.Collections.Generic.Stack<double[]>();
            global::System.Collections.Generic.Stack<double[]> qxcentered_2SeenArrays = new global::System.Collections.Generic.Stack<double[]>();
            global::System.Collections.Generic.Stack<double[]> mainTerm_2SeenArrays = new global::System.Collections.Generic.Stack<double[]>();
            double[] sumQsSpareKept = global::System.Array.Empty<double>();
            double[] qdiagsSpareKept = global::System.Array.Empty<double>();
            double[] xcentered_2SpareKept = global::System.Array.Empty<double>();
            double[] qxcentered_2SpareKept = global::System.Array.Empty<double>();
            double constant = (((double)((-n) * d)) * 0.5) * global::System.Math.Log(6.283185307179586);
            int icfSize = (d * (d + 1)) / 2;
            double[] qdiags = new double[d * k];
            double[] sumQs = new double[k];
            double[] xcentered = new double[d];
            double[] qxcentered = new double[d];
            double[] mainTerm = new double[k];
            double[] sumQsSpare = (sumQsSpareKept.Length == sumQs.Length ? sumQsSpareKept : (sumQsSpareKept = new double[sumQs.Length]));
            double[] qdiagsSpare = (qdiagsSpareKept.Length == qdiags.Length ? qdiagsSpareKept : (qdiagsSpareKept = new double[qdiags.Length]));
            global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.PreprocessQs(d, k, icf, sumQs, qdiags);
            double slse = 0.0;
            int ix = 0;
            double[] xcentered_1 = xcentered;
            double[] qxcentered_1 = qxcentered;
            double[] mainTerm_1 = mainTerm;
            double slse_1 = slse;
            int ix_1 = ix;
            int trip2 = 0;
            tapeDouble = tapes.Reserve(tapeDouble, tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, n, false) * (global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, k, false) * 1 + 1));
            tapeInt = tapes.Reserve(tapeInt, tapeIntTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, n, false) * (global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, k, false) * 5 + 1));
            while (true)
            {
                bool c = ix_1 < n;
                if (!c) break;
                int ik = 0;
                double[] xcentered_2 = xcentered_1;
                double[] qxcentered_2 = qxcentered_1;
                double[] mainTerm_2 = mainTerm_1;
                int ik_1 = ik;
                int trip = 0;
                while (true)
                {
                    bool c2 = ik_1 < k;
                    if (!c2) break;
                    int c3 = ix_1 * d;
                    int c4 = ik_1 * d;
                    double[] xcentered_2Spare = (xcentered_2SpareKept.Length == xcentered_2.Length ? xcentered_2SpareKept : (xcentered_2SpareKept = new double[xcentered_2.Length]));
                    xcentered_2SpareArrays.Push(xcentered_2Spare);
                    global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.Subtract(d, global::System.MemoryExtensions.AsSpan(x, c3), global::System.MemoryExtensions.AsSpan(means, c4), xcentered_2);
                    int c5 = ik_1 * d;
                    int c6 = (ik_1 * icfSize) + d;
                    double[] xcentered_2Seen = (double[])xcentered_2.Clone();
                    xcentered_2SeenArrays.Push(xcentered_2Seen);
                    double[] qxcentered_2Spare = (qxcentered_2SpareKept.Length == qxcentered_2.Length ? qxcentered_2SpareKept : (qxcentered_2SpareKept = new double[qxcentered_2.Length]));
                    qxcentered_2SpareArrays.Push(qxcentered_2Spare);
                    global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.Qtimesx(d, global::System.MemoryExtensions.AsSpan(qdiags, c5), global::System.MemoryExtensions.AsSpan(icf, c6), xcentered_2Seen, qxcentered_2);
                    double element = alphas[ik_1];
                    double element2 = sumQs[ik_1];
                    double sum = element + element2;
                    double[] qxcentered_2Seen = (double[])qxcentered_2.Clone();
                    qxcentered_2SeenArrays.Push(qxcentered_2Seen);
                    double sqnorm = global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.Sqnorm(d, qxcentered_2Seen);
                    double diff = sum - 0.5 * sqnorm;
                    mainTerm_2[ik_1] = diff;
                    int ik_2 = ik_1 + 1;
                    if (tapeInt.Length - tapeIntTop < 5) tapeInt = tapes.Grow(tapeInt, tapeIntTop);
                    if (tapeDouble.Length - tapeDoubleTop < 1) tapeDouble = tapes.Grow(tapeDouble, tapeDoubleTop);
                    tapeInt[tapeIntTop++] = ik_1;
                    tapeInt[tapeIntTop++] = c3;
                    tapeInt[tapeIntTop++] = c4;
                    tapeInt[tapeIntTop++] = c5;
                    tapeInt[tapeIntTop++] = c6;
                    tapeDouble[tapeDoubleTop++] = sqnorm;
                    ik_1 = ik_2;
                    trip++;
                }
                if (tapeInt.Length - tapeIntTop < 1) tapeInt = tapes.Grow(tapeInt, tapeIntTop);
                tapeInt[tapeIntTop++] = trip;
                double[] mainTerm_2Seen = (double[])mainTerm_2.Clone();
                mainTerm_2SeenArrays.Push(mainTerm_2Seen);
                double logSumExp = global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.LogSumExp(k, mainTerm_2Seen);
                int ix_2 = ix_1 + 1;
                if (tapeDouble.Length - tapeDoubleTop < 1) tapeDouble = tapes.Grow(tapeDouble, tapeDoubleTop);
                tapeDouble[tapeDoubleTop++] = logSumExp;
                xcentered_1 = xcentered_2;
                qxcentered_1 = qxcentered_2;
                mainTerm_1 = mainTerm_2;
                slse_1 = slse_1 + logSumExp;
                ix_1 = ix_2;
                trip2++;
            }
            double lseAlphas = global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.LogSumExp(k, alphas);
            double c7 = (double)n;
            double err = constant + slse_1 - c7 * lseAlphas;
            double logWishartPrior = global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.LogWishartPrior(d, k, wishart, sumQs, qdiags, icf);
            double err_1 = err + logWishartPrior;
            double value = err_1;

            var dQdiags = new double[qdiags.Length];
            var dSumQs = new double[sumQs.Length];
            var dXcentered = new double[xcentered.Length];
            var dQxcentered = new double[qxcentered.Length];
            var dMainTerm = new double[mainTerm.Length];
            LogWishartPriorBackward(d, k, wishart, sumQs, qdiags, icf, dSumQs, dQdiags, dIcf, dResult);
            double dLseAlphas = c7 * (-dResult);
            double dSlse_1 = dResult;
            LogSumExpBackward(k, alphas, dAlphas, dLseAlphas);
            for (int iteration2 = trip2; iteration2 > 0; iteration2--)
            {
                double logSumExp = tapeDouble[--tapeDoubleTop];
                double[] mainTerm_2Seen = mainTerm_2SeenArrays.Pop();
                LogSumExpBackward(k, mainTerm_2Seen, dMainTerm, dSlse_1);
                int ik_1 = default;
                for (int iteration = tapeInt[--tapeIntTop]; iteration > 0; iteration--)
                {
                    double sqnorm = tapeDouble[--tapeDoubleTop];
                    int c6 = tapeInt[--tapeIntTop];
                    int c5 = tapeInt[--tapeIntTop];
                    int c4 = tapeInt[--tapeIntTop];
                    int c3 = tapeInt[--tapeIntTop];
                    ik_1 = tapeInt[--tapeIntTop];
                    double[] xcentered_2Spare = xcentered_2SpareArrays.Pop();
                    double[] xcentered_2Seen = xcentered_2SeenArrays.Pop();
                    double[] qxcentered_2Spare = qxcentered_2SpareArrays.Pop();
                    double[] qxcentered_2Seen = qxcentered_2SeenArrays.Pop();
                    double dDiff = dMainTerm[ik_1];
                    dMainTerm[ik_1] = 0.0;
                    double dSqnorm = 0.5 * (-dDiff);
                    SqnormBackward(d, qxcentered_2Seen, dQxcentered, dSqnorm);
                    dSumQs[ik_1] += dDiff;
                    dAlphas[ik_1] += dDiff;
                    QtimesxBackward(d, global::System.MemoryExtensions.AsSpan(qdiags, c5), global::System.MemoryExtensions.AsSpan(icf, c6), xcentered_2Seen, qxcentered_2Spare, global::System.MemoryExtensions.AsSpan(dQdiags, c5), global::System.MemoryExtensions.AsSpan(dIcf, c6), dXcentered, dQxcentered);
                    SubtractBackward(d, global::System.MemoryExtensions.AsSpan(x, c3), global::System.MemoryExtensions.AsSpan(means, c4), xcentered_2Spare, global::AutoDiffGen.Internals.TapeWorkspace.Sink<double>(global::System.MemoryExtensions.AsSpan(x, c3).Length), global::System.MemoryExtensions.AsSpan(dMeans, c4), dXcentered);
                }
            }
            PreprocessQsBackward(d, k, icf, sumQsSpare, qdiagsSpare, dIcf, dSumQs, dQdiags);

            return value;
        }

        public static void SubtractBackward(int d, global::System.ReadOnlySpan<double> x, global::System.ReadOnlySpan<double> y, double[] output, global::System.Span<double> dX, global::System.Span<double> dY, double[] dOutput)
        {
            global::AutoDiffGen.Internals.Check.Length(x.Length, dX.Length, "x", "dX");
            global::AutoDiffGen.Internals.Check.Length(y.Length, dY.Length, "y", "dY");
            global::AutoDiffGen.Internals.Check.Array(output, dOutput, "output", "dOutput");
            int id = 0;
            double[] output_1 = output;
            int id_1 = id;
            int trip = 0;
            while (true)
            {
                bool c = id_1 < d;
                if (!c) break;
                double element = x[id_1];
                double element2 = y[id_1];
                double diff = element - element2;
                output_1[id_1] = diff;
                int id_2 = id_1 + 1;
                id_1 = id_2;
                trip++;
            }

            for (id_1 = unchecked(id + (trip - 1)); id_1 >= id; id_1--)
            {
                double dDiff = dOutput[id_1];
                dOutput[id_1] = 0.0;
                dY[id_1] += -dDiff;
                dX[id_1] += dDiff;
            }
        }

        public static void QtimesxBackward(int d, global::System.ReadOnlySpan<double> qdiag, global::System.ReadOnlySpan<double> ltri, global::System.ReadOnlySpan<double> x, double[] output, global::System.Span<double> dQdiag, global::System.Span<double> dLtri, global::System.Span<double> dX, double[] dOutput)
        {
            global::AutoDiffGen.Internals.Check.Length(qdiag.Length, dQdiag.Length, "qdiag", "dQdiag");
            global::AutoDiffGen.Internals.Check.Length(ltri.Length, dLtri.Length, "ltri", "dLtri");
            global::AutoDiffGen.Internals.Check.Length(x.Length, dX.Length, "x", "dX");
            global::AutoDiffGen.Internals.Check.Array(output, dOutput, "output", "dOutput");
            using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
            int[] tapeInt = tapes.Tape<int>();
            int tapeIntTop = 0;
            int id = 0;
            double[] output_1 = output;
            int id_1 = id;
            int trip = 0;
            while (true)
            {
                bool c = id_1 < d;
                if (!c) break;
                double element = qdiag[id_1];
                double element2 = x[id_1];
                double prod = element * element2;
                output_1[id_1] = prod;
                int id_2 = id_1 + 1;
                id_1 = id_2;
                trip++;
            }
            int lparamsidx = 0;
            int i = 0;
            double[] output_2 = output_1;
            int lparamsidx_1 = lparamsidx;
            int i_1 = i;
            int trip3 = 0;
            while (true)
            {
                bool c2 = i_1 < d;
                if (!c2) break;
                int j = i_1 + 1;
                double[] output_3 = output_2;
                int lparamsidx_2 = lparamsidx_1;
                int j_1 = j;
                int trip2 = 0;
                tapeInt = tapes.Reserve(tapeInt, tapeIntTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(j, 1, d, false) * 2 + 1);
                while (true)
                {
                    bool c3 = j_1 < d;
                    if (!c3) break;
                    double element3 = output_3[j_1];
                    double element4 = ltri[lparamsidx_2];
                    double element5 = x[i_1];
                    double sum = element3 + element4 * element5;
                    output_3[j_1] = sum;
                    int lparamsidx_3 = lparamsidx_2 + 1;
                    int j_2 = j_1 + 1;
                    if (tapeInt.Length - tapeIntTop < 2) tapeInt = tapes.Grow(tapeInt, tapeIntTop);
                    tapeInt[tapeIntTop++] = lparamsidx_2;
                    tapeInt[tapeIntTop++] = j_1;
                    lparamsidx_2 = lparamsidx_3;
                    j_1 = j_2;
                    trip2++;
                }
                if (tapeInt.Length - tapeIntTop < 1) tapeInt = tapes.Grow(tapeInt, tapeIntTop);
                tapeInt[tapeIntTop++] = trip2;
                int i_2 = i_1 + 1;
                output_2 = output_3;
                lparamsidx_1 = lparamsidx_2;
                i_1 = i_2;
                trip3++;
            }

            for (i_1 = unchecked(i + (trip3 - 1)); i_1 >= i; i_1--)
            {
                int lparamsidx_2 = default;
                int j_1 = default;
                for (int iteration2 = tapeInt[--tapeIntTop]; iteration2 > 0; iteration2--)
                {
                    j_1 = tapeInt[--tapeIntTop];
                    lparamsidx_2 = tapeInt[--tapeIntTop];
                    double element4 = ltri[lparamsidx_2];
                    double element5 = x[i_1];
                    double dSum = dOutput[j_1];
                    dOutput[j_1] = 0.0;
                    dX[i_1] += element4 * dSum;
                    dLtri[lparamsidx_2] += element5 * dSum;
                    dOutput[j_1] += dSum;
                }
            }
            for (id_1 = unchecked(id + (trip - 1)); id_1 >= id; id_1--)
            {
                double element = qdiag[id_1];
                double element2 = x[id_1];
                double dProd = dOutput[id_1];
                dOutput[id_1] = 0.0;
                dX[id_1] += element * dProd;
                dQdiag[id_1] += element2 * dProd;
            }
        }

        public static double SqnormBackward(int n, global::System.ReadOnlySpan<double> x, global::System.Span<double> dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Length(x.Length, dX.Length, "x", "dX");
            double element = x[0];
            double element2 = x[0];
            double res = element * element2;
            int i = 1;
            double res_1 = res;
            int i_1 = i;
            int trip = 0;
            while (true)
            {
                bool c = i_1 < n;
                if (!c) break;
                double element3 = x[i_1];
                double element4 = x[i_1];
                int i_2 = i_1 + 1;
                res_1 = res_1 + element3 * element4;
                i_1 = i_2;
                trip++;
            }
            double value = res_1;

            double dRes_1 = dResult;
            double dRes = 0.0;
            for (i_1 = unchecked(i + (trip - 1)); i_1 >= i; i_1--)
            {
                double element3 = x[i_1];
                double element4 = x[i_1];
                dX[i_1] += element3 * dRes_1;
                dX[i_1] += element4 * dRes_1;
            }
            dRes += dRes_1;
            dX[0] += element * dRes;
            dX[0] += element2 * dRes;

            return value;
        }

        public static double LogSumExpBackward(int n, global::System.ReadOnlySpan<double> x, global::System.Span<double> dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Length(x.Length, dX.Length, "x", "dX");
            using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
            double[] tapeDouble = tapes.Tape<double>();
            int tapeDoubleTop = 0;
            double mx = global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.ArrMax(n, x);
            double semx = 0.0;
            int i = 0;
            double semx_1 = semx;
            int i_1 = i;
            int trip = 0;
            tapeDouble = tapes.Reserve(tapeDouble, tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, n, false) * 1);
            while (true)
            {
                bool c = i_1 < n;
                if (!c) break;
                double element = x[i_1];
                double exp = global::System.Math.Exp(element - mx);
                int i_2 = i_1 + 1;
                if (tapeDouble.Length - tapeDoubleTop < 1) tapeDouble = tapes.Grow(tapeDouble, tapeDoubleTop);
                tapeDouble[tapeDoubleTop++] = exp;
                semx_1 = semx_1 + exp;
                i_1 = i_2;
                trip++;
            }
            double sum = global::System.Math.Log(semx_1) + mx;
            double value = sum;

            double dMx = dResult;
            double dSemx_1 = dResult / semx_1;
            for (i_1 = unchecked(i + (trip - 1)); i_1 >= i; i_1--)
            {
                double exp = tapeDouble[--tapeDoubleTop];
                double dDiff = exp * dSemx_1;
                dMx -= dDiff;
                dX[i_1] += dDiff;
            }
            ArrMaxBackward(n, x, dX, dMx);

            return value;
        }

        public static double ArrMaxBackward(int n, global::System.ReadOnlySpan<double> x, global::System.Span<double> dX, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Length(x.Length, dX.Length, "x", "dX");
            using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
            double[] tapeDouble = tapes.Tape<double>();
            int tapeDoubleTop;
            int tapeDoubleWant = 0;
            goto forwardSweep;
            growTapes:
            if (tapeDouble.Length - tapeDoubleTop < 2 || tapeDouble.Length < tapeDoubleWant) tapeDouble = tapes.Grow(tapeDouble, 0, tapeDoubleWant);
            forwardSweep:
            tapeDoubleTop = 0;
            double m = x[0];
            int i = 1;
            double m_1 = m;
            int i_1 = i;
            int trip = 0;
            if (tapeDouble.Length < (tapeDoubleWant = global::AutoDiffGen.Internals.TapeWorkspace.Want(tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(1, 1, n, false) * 2))) goto growTapes;
            while (true)
            {
                bool c = i_1 < n;
                if (!c) break;
                double element = x[i_1];
                double m_2 = global::System.Math.Max(m_1, element);
                int i_2 = i_1 + 1;
                if (tapeDouble.Length - tapeDoubleTop < 2) goto growTapes;
                tapeDouble[tapeDoubleTop++] = m_1;
                tapeDouble[tapeDoubleTop++] = m_2;
                m_1 = m_2;
                i_1 = i_2;
                trip++;
            }
            double value = m_1;

            double dM_1 = dResult;
            double dM = 0.0;
            for (i_1 = unchecked(i + (trip - 1)); i_1 >= i; i_1--)
            {
                double m_2 = tapeDouble[--tapeDoubleTop];
                m_1 = tapeDouble[--tapeDoubleTop];
                double element = x[i_1];
                double dM_2 = dM_1;
                dM_1 = m_1 >= element ? dM_2 : 0.0;
                dX[i_1] += m_1 >= element ? 0.0 : dM_2;
            }
            dM += dM_1;
            dX[0] += dM;

            return value;
        }

        public static void PreprocessQsBackward(int d, int k, global::System.ReadOnlySpan<double> icf, double[] sumQs, double[] qdiags, global::System.Span<double> dIcf, double[] dSumQs, double[] dQdiags)
        {
            global::AutoDiffGen.Internals.Check.Length(icf.Length, dIcf.Length, "icf", "dIcf");
            global::AutoDiffGen.Internals.Check.Array(sumQs, dSumQs, "sumQs", "dSumQs");
            global::AutoDiffGen.Internals.Check.Array(qdiags, dQdiags, "qdiags", "dQdiags");
            using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
            double[] tapeDouble = tapes.Tape<double>();
            int[] tapeInt = tapes.Tape<int>();
            int tapeDoubleTop = 0;
            int tapeIntTop = 0;
            int icfSize = (d * (d + 1)) / 2;
            int ik = 0;
            double[] sumQs_1 = sumQs;
            double[] qdiags_1 = qdiags;
            int ik_1 = ik;
            int trip2 = 0;
            tapeDouble = tapes.Reserve(tapeDouble, tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, k, false) * global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, d, false) * 1);
            tapeInt = tapes.Reserve(tapeInt, tapeIntTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, k, false) * (global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, d, false) * 2 + 1));
            while (true)
            {
                bool c = ik_1 < k;
                if (!c) break;
                sumQs_1[ik_1] = 0.0;
                int id = 0;
                double[] sumQs_2 = sumQs_1;
                double[] qdiags_2 = qdiags_1;
                int id_1 = id;
                int trip = 0;
                while (true)
                {
                    bool c2 = id_1 < d;
                    if (!c2) break;
                    int c3 = (ik_1 * icfSize) + id_1;
                    double q = icf[c3];
                    double element = sumQs_2[ik_1];
                    double sum = element + q;
                    sumQs_2[ik_1] = sum;
                    int c4 = (ik_1 * d) + id_1;
                    double exp = global::System.Math.Exp(q);
                    qdiags_2[c4] = exp;
                    int id_2 = id_1 + 1;
                    if (tapeInt.Length - tapeIntTop < 2) tapeInt = tapes.Grow(tapeInt, tapeIntTop);
                    if (tapeDouble.Length - tapeDoubleTop < 1) tapeDouble = tapes.Grow(tapeDouble, tapeDoubleTop);
                    tapeInt[tapeIntTop++] = c3;
                    tapeInt[tapeIntTop++] = c4;
                    tapeDouble[tapeDoubleTop++] = exp;
                    id_1 = id_2;
                    trip++;
                }
                if (tapeInt.Length - tapeIntTop < 1) tapeInt = tapes.Grow(tapeInt, tapeIntTop);
                tapeInt[tapeIntTop++] = trip;
                int ik_2 = ik_1 + 1;
                sumQs_1 = sumQs_2;
                qdiags_1 = qdiags_2;
                ik_1 = ik_2;
                trip2++;
            }

            for (ik_1 = unchecked(ik + (trip2 - 1)); ik_1 >= ik; ik_1--)
            {
                for (int iteration = tapeInt[--tapeIntTop]; iteration > 0; iteration--)
                {
                    double exp = tapeDouble[--tapeDoubleTop];
                    int c4 = tapeInt[--tapeIntTop];
                    int c3 = tapeInt[--tapeIntTop];
                    double dExp = dQdiags[c4];
                    dQdiags[c4] = 0.0;
                    double dQ = exp * dExp;
                    double dSum = dSumQs[ik_1];
                    dSumQs[ik_1] = 0.0;
                    dQ += dSum;
                    dSumQs[ik_1] += dSum;
                    dIcf[c3] += dQ;
                }
                dSumQs[ik_1] = 0.0;
            }
        }

        public static double LogWishartPriorBackward(int p, int k, global::AutoDiffGen.Benchmarks.AdBench.Wishart wishart, global::System.ReadOnlySpan<double> sumQs, global::System.ReadOnlySpan<double> qdiags, global::System.ReadOnlySpan<double> icf, global::System.Span<double> dSumQs, global::System.Span<double> dQdiags, global::System.Span<double> dIcf, double dResult = 1)
        {
            global::AutoDiffGen.Internals.Check.Length(sumQs.Length, dSumQs.Length, "sumQs", "dSumQs");
            global::AutoDiffGen.Internals.Check.Length(qdiags.Length, dQdiags.Length, "qdiags", "dQdiags");
            global::AutoDiffGen.Internals.Check.Length(icf.Length, dIcf.Length, "icf", "dIcf");
            using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
            double[] tapeDouble = tapes.Tape<double>();
            int[] tapeInt = tapes.Tape<int>();
            int tapeDoubleTop = 0;
            int tapeIntTop = 0;
            int n = (p + wishart.M) + 1;
            int icfSize = (p * (p + 1)) / 2;
            double c = (((double)(n * p)) * (global::System.Math.Log(wishart.Gamma) - (0.5 * global::System.Math.Log(2.0)))) - global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.LogGammaDistrib(0.5 * ((double)n), (double)p);
            double output = 0.0;
            int ik = 0;
            double output_1 = output;
            int ik_1 = ik;
            int trip = 0;
            tapeDouble = tapes.Reserve(tapeDouble, tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, k, false) * 5);
            tapeInt = tapes.Reserve(tapeInt, tapeIntTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, k, false) * 3);
            while (true)
            {
                bool c2 = ik_1 < k;
                if (!c2) break;
                int c3 = ik_1 * p;
                double sqnorm = global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.Sqnorm(p, qdiags.Slice(c3));
                int c4 = icfSize - p;
                int c5 = (ik_1 * icfSize) + p;
                double sqnorm2 = global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.Sqnorm(c4, icf.Slice(c5));
                double frobenius = sqnorm + sqnorm2;
                double c6 = (0.5 * wishart.Gamma) * wishart.Gamma;
                double c7 = (double)wishart.M;
                double element = sumQs[ik_1];
                int ik_2 = ik_1 + 1;
                if (tapeInt.Length - tapeIntTop < 3) tapeInt = tapes.Grow(tapeInt, tapeIntTop);
                if (tapeDouble.Length - tapeDoubleTop < 5) tapeDouble = tapes.Grow(tapeDouble, tapeDoubleTop);
                tapeInt[tapeIntTop++] = c3;
                tapeDouble[tapeDoubleTop++] = sqnorm;
                tapeInt[tapeIntTop++] = c4;
                tapeInt[tapeIntTop++] = c5;
                tapeDouble[tapeDoubleTop++] = sqnorm2;
                tapeDouble[tapeDoubleTop++] = frobenius;
                tapeDouble[tapeDoubleTop++] = c6;
                tapeDouble[tapeDoubleTop++] = c7;
                output_1 = output_1 + c6 * frobenius - c7 * element;
                ik_1 = ik_2;
                trip++;
            }
            double c8 = ((double)k) * c;
            double diff = output_1 - c8;
            double value = diff;

            double dOutput_1 = dResult;
            for (ik_1 = unchecked(ik + (trip - 1)); ik_1 >= ik; ik_1--)
            {
                double c7 = tapeDouble[--tapeDoubleTop];
                double c6 = tapeDouble[--tapeDoubleTop];
                double frobenius = tapeDouble[--tapeDoubleTop];
                double sqnorm2 = tapeDouble[--tapeDoubleTop];
                int c5 = tapeInt[--tapeIntTop];
                int c4 = tapeInt[--tapeIntTop];
                double sqnorm = tapeDouble[--tapeDoubleTop];
                int c3 = tapeInt[--tapeIntTop];
                double element = sumQs[ik_1];
                double dOutput_2 = dOutput_1;
                dSumQs[ik_1] += c7 * (-dOutput_2);
                dOutput_1 = dOutput_2;
                double dFrobenius = c6 * dOutput_2;
                SqnormBackward(c4, icf.Slice(c5), dIcf.Slice(c5), dFrobenius);
                SqnormBackward(p, qdiags.Slice(c3), dQdiags.Slice(c3), dFrobenius);
            }

            return value;
        }
    }
}
