namespace AutoDiffGen.Benchmarks.Before
{
    /// <summary>
    /// A frozen copy of what the generator wrote for the ADBench GMM's <c>GaussianMixture.ObjectiveBackward</c>
    /// (AdBench/GaussianMixture.cs) at <c>84c2b8c</c>, before a callee that writes each element of an array before reading
    /// it got a spare array instead of a copy per call (issue 12), so one `adbench gmm` run times the old and the new
    /// generated code side by side. Its callees' Backwards are the live ones (that change leaves them as they were).
    /// </summary>
    public static class GaussianMixtureAdBenchBefore
    {
        /// <summary>The generated gradient as it was: seven array copies, four of them per (point, component).</summary>
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
            global::System.Collections.Generic.Stack<double[]> xcentered_2SeenArrays = new global::System.Collections.Generic.Stack<double[]>();
            global::System.Collections.Generic.Stack<double[]> xcentered_2Seen2Arrays = new global::System.Collections.Generic.Stack<double[]>();
            global::System.Collections.Generic.Stack<double[]> qxcentered_2SeenArrays = new global::System.Collections.Generic.Stack<double[]>();
            global::System.Collections.Generic.Stack<double[]> qxcentered_2Seen2Arrays = new global::System.Collections.Generic.Stack<double[]>();
            global::System.Collections.Generic.Stack<double[]> mainTerm_2SeenArrays = new global::System.Collections.Generic.Stack<double[]>();
            double constant = (((double)((-n) * d)) * 0.5) * global::System.Math.Log(6.283185307179586);
            int icfSize = (d * (d + 1)) / 2;
            double[] qdiags = new double[d * k];
            double[] sumQs = new double[k];
            double[] xcentered = new double[d];
            double[] qxcentered = new double[d];
            double[] mainTerm = new double[k];
            double[] sumQsSeen = (double[])sumQs.Clone();
            double[] qdiagsSeen = (double[])qdiags.Clone();
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
                    double[] xcentered_2Seen = (double[])xcentered_2.Clone();
                    xcentered_2SeenArrays.Push(xcentered_2Seen);
                    global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.Subtract(d, global::System.MemoryExtensions.AsSpan(x, c3), global::System.MemoryExtensions.AsSpan(means, c4), xcentered_2);
                    int c5 = ik_1 * d;
                    int c6 = (ik_1 * icfSize) + d;
                    double[] xcentered_2Seen2 = (double[])xcentered_2.Clone();
                    xcentered_2Seen2Arrays.Push(xcentered_2Seen2);
                    double[] qxcentered_2Seen = (double[])qxcentered_2.Clone();
                    qxcentered_2SeenArrays.Push(qxcentered_2Seen);
                    global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.Qtimesx(d, global::System.MemoryExtensions.AsSpan(qdiags, c5), global::System.MemoryExtensions.AsSpan(icf, c6), xcentered_2Seen2, qxcentered_2);
                    double element = alphas[ik_1];
                    double element2 = sumQs[ik_1];
                    double sum = element + element2;
                    double[] qxcentered_2Seen2 = (double[])qxcentered_2.Clone();
                    qxcentered_2Seen2Arrays.Push(qxcentered_2Seen2);
                    double sqnorm = global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.Sqnorm(d, qxcentered_2Seen2);
                    double prod = 0.5 * sqnorm;
                    double diff = sum - prod;
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
                double slse_2 = slse_1 + logSumExp;
                int ix_2 = ix_1 + 1;
                if (tapeDouble.Length - tapeDoubleTop < 1) tapeDouble = tapes.Grow(tapeDouble, tapeDoubleTop);
                tapeDouble[tapeDoubleTop++] = logSumExp;
                xcentered_1 = xcentered_2;
                qxcentered_1 = qxcentered_2;
                mainTerm_1 = mainTerm_2;
                slse_1 = slse_2;
                ix_1 = ix_2;
                trip2++;
            }
            double lseAlphas = global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.LogSumExp(k, alphas);
            double sum2 = constant + slse_1;
            double c7 = (double)n;
            double prod2 = c7 * lseAlphas;
            double err = sum2 - prod2;
            double logWishartPrior = global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.LogWishartPrior(d, k, wishart, sumQs, qdiags, icf);
            double err_1 = err + logWishartPrior;
            double value = err_1;
    
            var dQdiags = new double[qdiags.Length];
            var dSumQs = new double[sumQs.Length];
            var dXcentered = new double[xcentered.Length];
            var dQxcentered = new double[qxcentered.Length];
            var dMainTerm = new double[mainTerm.Length];
            global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.LogWishartPriorBackward(d, k, wishart, sumQs, qdiags, icf, dSumQs, dQdiags, dIcf, dResult);
            double dLseAlphas = c7 * (-dResult);
            double dSlse_1 = dResult;
            global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.LogSumExpBackward(k, alphas, dAlphas, dLseAlphas);
            for (int iteration2 = trip2; iteration2 > 0; iteration2--)
            {
                double logSumExp = tapeDouble[--tapeDoubleTop];
                double[] mainTerm_2Seen = mainTerm_2SeenArrays.Pop();
                global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.LogSumExpBackward(k, mainTerm_2Seen, dMainTerm, dSlse_1);
                int ik_1 = default;
                for (int iteration = tapeInt[--tapeIntTop]; iteration > 0; iteration--)
                {
                    double sqnorm = tapeDouble[--tapeDoubleTop];
                    int c6 = tapeInt[--tapeIntTop];
                    int c5 = tapeInt[--tapeIntTop];
                    int c4 = tapeInt[--tapeIntTop];
                    int c3 = tapeInt[--tapeIntTop];
                    ik_1 = tapeInt[--tapeIntTop];
                    double[] xcentered_2Seen = xcentered_2SeenArrays.Pop();
                    double[] xcentered_2Seen2 = xcentered_2Seen2Arrays.Pop();
                    double[] qxcentered_2Seen = qxcentered_2SeenArrays.Pop();
                    double[] qxcentered_2Seen2 = qxcentered_2Seen2Arrays.Pop();
                    double dDiff = dMainTerm[ik_1];
                    dMainTerm[ik_1] = 0.0;
                    double dSqnorm = 0.5 * (-dDiff);
                    global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.SqnormBackward(d, qxcentered_2Seen2, dQxcentered, dSqnorm);
                    dSumQs[ik_1] += dDiff;
                    dAlphas[ik_1] += dDiff;
                    global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.QtimesxBackward(d, global::System.MemoryExtensions.AsSpan(qdiags, c5), global::System.MemoryExtensions.AsSpan(icf, c6), xcentered_2Seen2, qxcentered_2Seen, global::System.MemoryExtensions.AsSpan(dQdiags, c5), global::System.MemoryExtensions.AsSpan(dIcf, c6), dXcentered, dQxcentered);
                    global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.SubtractBackward(d, global::System.MemoryExtensions.AsSpan(x, c3), global::System.MemoryExtensions.AsSpan(means, c4), xcentered_2Seen, global::AutoDiffGen.Internals.TapeWorkspace.Scratch<double>(global::System.MemoryExtensions.AsSpan(x, c3).Length), global::System.MemoryExtensions.AsSpan(dMeans, c4), dXcentered);
                }
            }
            global::AutoDiffGen.Benchmarks.AdBench.GaussianMixture.PreprocessQsBackward(d, k, icf, sumQsSeen, qdiagsSeen, dIcf, dSumQs, dQdiags);
    
            return value;
        }
    }
}
